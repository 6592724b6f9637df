// The whole pipeline over a Document: detect -> extract -> summarise -> quotes. No extension API here, so the
// content script, the unit tests and the command-line tools run exactly the same code.
import { articleOf, pageWithoutStory, storyText, type AnalyzeOptions } from './assemble';
import { measurePage } from './detect-measure';
import { decide } from './detect-model';
import { extractArticle, type Extraction } from './extract';
import { readStory } from './read-story';
import { copyRegion, storyRegion } from './story-region';
import type { Analysis, Detection } from './types';

export type { AnalyzeOptions } from './assemble';

/** The analysis of a page already extracted (the content script runs the steps itself, yielding between them). */
export function completeAnalysis(
  doc: Document,
  url: string,
  detection: Detection,
  extraction: Extraction | null,
  options: AnalyzeOptions = {},
): Analysis {
  if (!extraction) return pageWithoutStory(doc, url, detection);
  return articleOf(url, detection, extraction, readStory(storyText(extraction), options), options.force === true);
}

/** Synchronous analysis of `doc` (left untouched: Readability runs on a copy of the story's region, as on the page). */
export function analyze(doc: Document, url: string, options: AnalyzeOptions = {}): Analysis {
  const measures = measurePage(doc, url);
  const detection = decide(measures);
  if (!detection.isArticle && !options.force) return pageWithoutStory(doc, url, detection);
  const region = storyRegion(doc, measures.cjk);
  const extraction =
    (region && extractArticle(copyRegion(doc, region).copy, url, doc)) || extractArticle(doc.cloneNode(true) as Document, url);
  return completeAnalysis(doc, url, detection, extraction, options);
}
