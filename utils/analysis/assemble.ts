// An analysis put together from its two halves: what only the page can give (metadata, Readability's HTML) and
// how the story's text reads (summary, quotes, counts: read-story.ts, which the content script has done in the
// background). Nothing here reads text, so the page's analysis code does not carry the summariser.
import { readPageMeta, type Block, type Extraction } from './extract';
import type { Analysis, Detection } from './types';

export interface AnalyzeOptions {
  /** Sentences in the summary (3 by default). */
  summarySentences?: number;
  /** Quotes marked as key (3 by default). */
  keyQuotes?: number;
  /** Extract even when detection says the page is not an article (the reader asked for it). */
  force?: boolean;
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

