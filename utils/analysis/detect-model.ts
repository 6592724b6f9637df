// From page measures to an explained decision: each signal turns its measure into one or more features, each feature
// has a weight, and a signal's contribution is the sum of its weighted features. The page is an article when the
// contributions add up to at least THRESHOLD.
//
// The weights are those of an L2-regularised logistic regression (penalty 1, both classes weighted equally) over the
// 266 pages of the shared corpus, rounded to one decimal; the threshold is the highest step of 0.05 that still lets
// 98.5 % of the corpus' articles through (missing an article costs the reader more than analysing a page that is not
// one). `npm run eval -- --only detect` refits them with the same procedure, prints them next to these, and
// cross-validates the procedure (leave one source out; 10 folds by page id). One rule stands above the score: a
// page that declares itself something other than a story in schema.org (a product, a book, a podcast episode) is
// not an article whatever its text weighs (declaredNonStory).
//
// Lede acts on a page by itself (analyses it after load, declutters it) only from SURE_THRESHOLD up. Below it, an
// article waits until the reader asks for it (the popup, the reader view, a save): changing a page that may be a
// wiki entry or a shop in place would cost its reader more than a click, and a page Lede is unsure of is not made
// to pay for a clone and Readability on every visit.
import type { Detection, DetectionSignal } from './types';
import type { PageMeasures } from './detect-measure';

/** Every feature the model weighs, grouped by the signal it belongs to. */
export const FEATURES = {
  'schema-type': ['schema-type:story', 'schema-type:non-story'],
  'og-type': ['og-type:article', 'og-type:website', 'og-type:other'],
  'published-date': ['published-date'],
  byline: ['byline'],
  'url-shape': [
    'url-shape:home',
    'url-shape:section',
    'url-shape:date',
    'url-shape:slug',
    'url-shape:story-path',
    'url-shape:id',
    'url-shape:other',
  ],
  'page-class': ['page-class:story', 'page-class:non-story'],
  'main-text': ['main-text'],
  'main-share': ['main-share'],
  'story-container': ['story-container'],
  headline: ['headline'],
} as const;

export type SignalName = keyof typeof FEATURES;
export type FeatureName = (typeof FEATURES)[SignalName][number];
export type Weights = Record<FeatureName, number>;

export const SIGNALS = Object.keys(FEATURES) as SignalName[];
export const FEATURE_NAMES = SIGNALS.flatMap((s) => FEATURES[s] as readonly FeatureName[]);

/** Main text of this many characters is neutral; each doubling (or halving) is one unit, within ±3. */
export const MAIN_TEXT_NEUTRAL = 1500;
/** A headline this long (or longer) counts fully. */
export const HEADLINE_FULL = 60;

export const WEIGHTS: Weights = {
  'schema-type:story': 0.8,
  'schema-type:non-story': -1.8,
  'og-type:article': 0.9,
  'og-type:website': -1.1,
  'og-type:other': -0.8,
  'published-date': 0.6,
  byline: 0.4,
  'url-shape:home': -0.8,
  'url-shape:section': -1.5,
  'url-shape:date': 1.4,
  'url-shape:slug': 1.1,
  'url-shape:story-path': 0.5,
  'url-shape:id': -0.7,
  'url-shape:other': -1.4,
  'page-class:story': 1.4,
  'page-class:non-story': -1.6,
  'main-text': 0.7,
  'main-share': 1.3,
  'story-container': 0.5,
  headline: 0.5,
};
export const THRESHOLD = 0.75;
/** The highest step of 0.05 that still lets 95 % of the corpus' articles through (same fit, `npm run eval`). */
export const SURE_THRESHOLD = 1.9;

/** The features of a page: 0 where the signal is absent or neutral. */
export function featureVector(m: PageMeasures): Weights {
  // One object literal of a fixed shape: this runs on every page, where a first run pays for every allocation.
  const og = ogCategory(m.ogType);
  const main = m.mainChars;
  return {
    'schema-type:story': m.schema === 'story' ? 1 : 0,
    'schema-type:non-story': m.schema === 'non-story' ? 1 : 0,
    'og-type:article': og === 'article' ? 1 : 0,
    'og-type:website': og === 'website' ? 1 : 0,
    'og-type:other': og === 'other' ? 1 : 0,
    'published-date': m.publishedDate ? 1 : 0,
    byline: m.byline ? 1 : 0,
    'url-shape:home': m.url === 'home' ? 1 : 0,
    'url-shape:section': m.url === 'section' ? 1 : 0,
    'url-shape:date': m.url === 'date' ? 1 : 0,
    'url-shape:slug': m.url === 'slug' ? 1 : 0,
    'url-shape:story-path': m.url === 'story-path' ? 1 : 0,
    'url-shape:id': m.url === 'id' ? 1 : 0,
    'url-shape:other': m.url === 'other' ? 1 : 0,
    'page-class:story': m.pageClass === 'story' ? 1 : 0,
    'page-class:non-story': m.pageClass === 'non-story' ? 1 : 0,
    'main-text': mainTextFeature(main),
    'main-share': mainShare(m) * Math.min(1, main / MAIN_TEXT_NEUTRAL),
    'story-container': m.container ? 1 : 0,
    headline: Math.min(1, m.headlineChars / HEADLINE_FULL),
  };
}

export function ogCategory(ogType: string): 'article' | 'website' | 'other' | null {
  if (!ogType) return null;
  if (ogType === 'article') return 'article';
  if (ogType === 'website') return 'website';
  return 'other';
}

export function mainTextFeature(chars: number): number {
  return Math.max(-3, Math.min(3, Math.log2(Math.max(chars, 1) / MAIN_TEXT_NEUTRAL)));
}

/** Share of the page's prose that sits in its main block (0 when the page has none). */
export function mainShare(m: PageMeasures): number {
  return m.proseChars > 0 ? m.mainChars / m.proseChars : 0;
}

const round = (n: number, step: number) => Math.round(n / step) * step;
const r2 = (n: number) => Math.round(n * 100) / 100;

/** What a person reads in the "why" view: each signal's value and how much it moved the score. */
export function signalValue(m: PageMeasures, signal: SignalName): number | string | boolean {
  switch (signal) {
    case 'schema-type':
      return m.schemaType || 'none';
    case 'og-type':
      return m.ogType || 'none';
    case 'published-date':
      return m.publishedDate;
    case 'byline':
      return m.byline;
    case 'url-shape':
      return m.urlEvidence ? `${m.url} (${m.urlEvidence.slice(0, 60)})` : m.url;
    case 'page-class':
      return m.pageClassToken || 'none';
    case 'main-text':
      return m.mainChars;
    case 'story-container':
      return m.container || 'none';
    case 'main-share':
      return r2(mainShare(m));
    case 'headline':
      return m.headlineChars;
  }
}

/** How much each signal (in SIGNALS order) moves the score, rounded as the "why" view shows it. */
export function contributions(m: PageMeasures, weights: Weights = WEIGHTS): number[] {
  const x = featureVector(m);
  const out: number[] = [];
  for (const name of SIGNALS) {
    let c = 0;
    for (const f of FEATURES[name] as readonly FeatureName[]) c += weights[f] * x[f];
    out.push(r2(c));
  }
  return out;
}

/** The page's score: the sum of the contributions as shown, so the explanation adds up exactly. */
export function scoreOf(contribution: number[]): number {
  let s = 0;
  for (const c of contribution) s += c;
  return r2(s);
}

// schema.org types of embedded media: a story often declares its lead video or gallery, so they veto nothing.
const MEDIA_TYPES = new Set(['VideoObject', 'AudioObject', 'ImageGallery', 'MediaGallery']);

/**
 * The schema.org type by which a page declares itself something other than a story (a product, a book, a podcast
 * episode, an event, a profile...) and no story type besides: such a page is not an article whatever its text
 * weighs. Null when the page declares no such thing.
 */
export function declaredNonStory(m: Pick<PageMeasures, 'schema' | 'schemaType'>): string | null {
  return m.schema === 'non-story' && !MEDIA_TYPES.has(m.schemaType) ? m.schemaType : null;
}

/** An article: a score at the threshold or above, and no declaration of being something else. */
const verdict = (m: PageMeasures, score: number, threshold: number) => score >= threshold && declaredNonStory(m) === null;

/** The verdict alone (what every page pays for); decide() explains it. */
export function articleVerdict(m: PageMeasures): { isArticle: boolean; sure: boolean } {
  const score = scoreOf(contributions(m));
  const isArticle = verdict(m, score, THRESHOLD);
  return { isArticle, sure: isArticle && score >= SURE_THRESHOLD };
}

export function decide(m: PageMeasures, weights: Weights = WEIGHTS, threshold = THRESHOLD): Detection {
  const c = contributions(m, weights);
  const score = scoreOf(c);
  const signals: DetectionSignal[] = SIGNALS.map((name, i) => ({ name, value: signalValue(m, name), contribution: c[i] }));
  const isArticle = verdict(m, score, threshold);
  return {
    isArticle,
    sure: isArticle && score >= SURE_THRESHOLD,
    score,
    threshold: round(threshold, 0.01),
    sureThreshold: SURE_THRESHOLD,
    signals,
    declaredNonStory: declaredNonStory(m),
  };
}
