// The whole pipeline over a Document: detect -> extract -> summarise -> quotes. No extension API here, so the
// content script, the unit tests and the command-line tools run exactly the same code.
import { detectArticle } from './detect';
import { extractArticle, readPageMeta, type Block, type Extraction } from './extract';
import { findQuotes, markKeyQuotes } from './quotes';
import { summaryOf } from './picks';
import { textLength, words } from './segment';
import { rankSummary } from './summarise';
import type { Analysis, Detection } from './types';

export interface AnalyzeOptions {
  /** Sentences in the summary (3 by default). */
  summarySentences?: number;
  /** Quotes marked as key (3 by default). */
  keyQuotes?: number;
  /** Extract even when detection says the page is not an article (the reader asked for it). */
  force?: boolean;
}

// A sentence ends in a full stop, question or exclamation mark (in any script), an ellipsis, or a closing
// quotation mark or bracket after one of those.
const ENDS_LIKE_A_SENTENCE = /[.!?…。！？؟।]["'”’»」』)\]]*$/u;

/**
 * Blocks that carry the story's prose: what summaries and quotes are drawn from. Never captions, link lists, or
 * the short labels of widgets left in the story ("This audio is created with AI assistance", "Listen", "3 min read").
 */
export function proseParagraphs(blocks: Block[], lang: string | null = null): string[] {
  return blocks
    .filter((b) => (b.kind === 'paragraph' || b.kind === 'quote') && b.linkDensity < 0.5)
    .filter((b) => ENDS_LIKE_A_SENTENCE.test(b.text) || words(b.text, lang).length >= 12)
    .map((b) => b.text);
}

/** What the text side of the analysis needs of the story: plain data, so it can be read in another context. */
export interface StoryText {
  title: string | null;
  excerpt: string | null;
  lang: string | null;
  blocks: Block[];
}

/** The story read as text: its prose, counts, summary and quotes. */
export type StoryReading = Pick<
  Analysis,
  'text' | 'paragraphs' | 'wordCount' | 'readingMinutes' | 'summary' | 'summaryPicks' | 'quotes'
>;

/** The longest summary the reader can choose (settings' "long"): the ranking covers every shorter one. */
export const LONGEST_SUMMARY = 5;

/** Reads the story's text: no DOM, so the content script can hand it to the background, off the page's thread. */
export function readStory({ title, excerpt, lang, blocks }: StoryText, options: AnalyzeOptions = {}): StoryReading {
  const paragraphs = proseParagraphs(blocks, lang);
  const text = blocks.map((b) => b.text).join('\n\n');
  const summaryPicks = rankSummary({ title, description: excerpt, paragraphs, lang }, Math.max(LONGEST_SUMMARY, options.summarySentences ?? 3));
  const { words: wordCount, minutes: readingMinutes } = textLength(text, lang);
  return {
    text,
    paragraphs,
    wordCount,
    readingMinutes,
    summary: summaryOf(summaryPicks, options.summarySentences ?? 3),
    summaryPicks,
    quotes: markKeyQuotes(findQuotes(paragraphs, lang), options.keyQuotes ?? 3),
  };
}

/** The story's text as the page gives it, for readStory. */
export function storyText({ meta, blocks }: Extraction): StoryText {
  return { title: meta.title, excerpt: meta.excerpt, lang: meta.lang, blocks };
}

/** An article's analysis from what the page gave and how its text reads. */
export function articleOf(url: string, detection: Detection, extraction: Extraction, reading: StoryReading, force = false): Analysis {
  return {
    ...extraction.meta,
    url,
    isArticle: detection.isArticle || force,
    detection,
    contentHtml: extraction.content.innerHTML,
    ...reading,
  };
}

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

/** What the popup knows of a page that is not an article: enough to save the link. */
export function pageWithoutStory(doc: Document, url: string, detection: Detection): Analysis {
  return {
    ...readPageMeta(doc, url),
    url,
    isArticle: false,
    detection,
    text: '',
    paragraphs: [],
    contentHtml: '',
    wordCount: 0,
    readingMinutes: 0,
    summary: [],
    summaryPicks: [],
    quotes: [],
  };
}

/** Synchronous analysis of `doc` (left untouched: Readability runs on a clone). */
export function analyze(doc: Document, url: string, options: AnalyzeOptions = {}): Analysis {
  const detection = detectArticle(doc, url);
  if (!detection.isArticle && !options.force) return pageWithoutStory(doc, url, detection);
  const extraction = extractArticle(doc.cloneNode(true) as Document, url);
  return completeAnalysis(doc, url, detection, extraction, options);
}
