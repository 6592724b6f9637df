// Is this page an article? Cheap, explainable, and run on every page: no clone, no Readability, no layout reads.
// measurePage (detect-measure.ts) takes a few bounded readings of the live DOM and the URL; decide (detect-model.ts)
// weighs them into a score and returns every signal with its value and contribution, so the popup can say why.
import { measurePage } from './detect-measure';
import { decide } from './detect-model';
import type { Detection } from './types';

export function detectArticle(doc: Document, url: string): Detection {
  return decide(measurePage(doc, url));
}
