// Medians and tails of per-page figures.

/** The q-quantile (0..1) by linear interpolation between order statistics; null for no data. */
export function quantile(xs: number[], q: number): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export interface Spread {
  n: number;
  median: number | null;
  p95: number | null;
  max: number | null;
}

export function spread(values: (number | null | undefined)[]): Spread {
  const xs = values.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  return { n: xs.length, median: quantile(xs, 0.5), p95: quantile(xs, 0.95), max: xs.length ? Math.max(...xs) : null };
}
