// The options page's input rules, apart from the page so they are tested without a browser.

export const KEY_QUOTES_RANGE = { min: 0, max: 10 };
export const READER_FONT_SIZES = { min: 14, max: 32 };

/** A typed number put into range; `adjusted` says the reader's input was not taken as typed. */
export function clampSetting(
  typed: string,
  range: { min: number; max: number },
  fallback: number,
): { value: number; adjusted: boolean } {
  const n = Number(typed.trim());
  if (typed.trim() === '' || !Number.isFinite(n)) return { value: fallback, adjusted: true };
  const value = Math.min(range.max, Math.max(range.min, Math.round(n)));
  return { value, adjusted: value !== n };
}

const HOST = /^(localhost|[a-z0-9-]+(\.[a-z0-9-]+)+|\[[0-9a-f:]+\])$/i;

/**
 * The site a reader typed, as the key site rules use ("www." dropped): a bare name ("example.com") or any
 * address on it ("https://www.example.com/news/1"). Null for anything that is not a web site.
 */
export function parseSite(typed: string, siteKey: (url: string) => string | null): string | null {
  const text = typed.trim();
  if (!text || /\s/.test(text)) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  if (!/^https?:\/\//i.test(withScheme)) return null;
  const key = siteKey(withScheme);
  return key && HOST.test(key) ? key : null;
}
