// The whole pipeline over a Document: detect -> extract -> summarise -> quotes. No extension API here, so the
// content script, the unit tests and the command-line tools run exactly the same code.
import { detectArticle } from './detect';
import { extractArticle, readPageMeta, type Block, type Extraction } from './extract';
import { findQuotes, markKeyQuotes } from './quotes';
import { readingMinutes, words } from './segment';
import { summarise } from './summarise';
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

/** The analysis of a page already extracted (the content script runs the steps itself, yielding between them). */
export function completeAnalysis(
  doc: Document,
  url: string,
  detection: Detection,
  extraction: Extraction | null,
  options: AnalyzeOptions = {},
): Analysis {
  if (!extraction) return pageWithoutStory(doc, url, detection);
  const { meta, blocks, content } = extraction;
  const paragraphs = proseParagraphs(blocks, meta.lang);
  const text = blocks.map((b) => b.text).join('\n\n');
  const quotes = markKeyQuotes(findQuotes(paragraphs, meta.lang), options.keyQuotes ?? 3);
  return {
    ...meta,
    url,
    isArticle: detection.isArticle || options.force === true,
    detection,
    text,
    paragraphs,
    contentHtml: content.innerHTML,
    wordCount: words(text, meta.lang).length,
    readingMinutes: readingMinutes(text, meta.lang),
    summary: summarise({ title: meta.title, description: meta.excerpt, paragraphs, lang: meta.lang }, options.summarySentences ?? 3),
    quotes,
  };
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
