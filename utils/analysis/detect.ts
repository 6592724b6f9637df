// Is this page an article? Cheap, explainable, and run on every page: no clone, no Readability, no layout reads.
// measurePage (detect-measure.ts) takes a few bounded readings of the live DOM and the URL; the model
// (detect-model.ts) weighs them into a score. Every page pays for the verdict only (judgePage: not even the text of
// a page that declares itself something other than a story); the explanation, every signal with its value and
// contribution, is put together where it is shown (decide), from the same measures read in full.
import { measurePage, type PageMeasures } from './detect-measure';
import { articleVerdict, decide } from './detect-model';
import type { Detection } from './types';

export interface Verdict {
  isArticle: boolean;
  /** Sure enough for Lede to analyse and declutter the page unasked (detect-model.ts: SURE_THRESHOLD). */
  sure: boolean;
  /** What detection read of the page: decide(measures) explains the verdict once they are read in full (textRead). */
  measures: PageMeasures;
}

export function judgePage(doc: Document, url: string): Verdict {
  const measures = measurePage(doc, url, { verdictOnly: true });
  return { ...articleVerdict(measures), measures };
}

export function detectArticle(doc: Document, url: string): Detection {
  return decide(measurePage(doc, url));
}
