// The data the analysis pipeline produces. Every room (content script, popup, storage, CLI) imports it from here.

export interface DetectionSignal {
  /** Stable machine name, e.g. "jsonld-article-type". */
  name: string;
  /** What the page showed for this signal (a count, a ratio, a type name...). */
  value: number | string | boolean;
  /** How much it moved the score (positive: towards "article"). */
  contribution: number;
}

export interface Detection {
  isArticle: boolean;
  /** Sum of the contributions; the page is an article when score >= threshold. */
  score: number;
  threshold: number;
  /**
   * An article Lede is sure of (score >= sureThreshold): analysed and decluttered without being asked. (Absent from
   * analyses saved before Lede made the distinction.)
   */
  sure?: boolean;
  sureThreshold?: number;
  signals: DetectionSignal[];
  /** The schema.org type by which the page declares itself no story (a product, a podcast episode...), which
   * makes it no article whatever the score; null when it declares none. */
  declaredNonStory?: string | null;
}

export interface Quote {
  /** The quotation as written, without its quote marks (parts split by an attribution joined with " … "). */
  text: string;
  /** The speaker's name as the story gives it, or null when no speaker can be found. */
  speaker: string | null;
  /** The title or role the story gives the speaker, before the name ("U.S. National Security Council
   * spokesperson John Kirby") or after it ("said John Kirby, a spokesman for the council"). */
  role: string | null;
  /** Index of the paragraph (in Analysis.paragraphs) where the quotation opens. */
  paragraph: number;
  /** Whether it is among the key quotes the popup shows by default. */
  key: boolean;
  /** Its turn in the key-quote ranking (0 first): the key quotes for any number are those ranked below it. */
  rank?: number;
}

/** A sentence of the summary at its longest, with the turn the ranking picked it (0 first). */
export interface SummaryPick {
  sentence: string;
  rank: number;
}

export interface ArticleMeta {
  title: string | null;
  byline: string | null;
  siteName: string | null;
  /** ISO 8601 where the page gives a parsable date, else the page's own string. */
  publishedTime: string | null;
  lang: string | null;
  dir: string | null;
  excerpt: string | null;
  /** Lead image URL from og:image / twitter:image, absolute. */
  image: string | null;
}

export interface Analysis extends ArticleMeta {
  url: string;
  isArticle: boolean;
  detection: Detection;
  /** The story's plain text, paragraphs separated by a blank line. */
  text: string;
  /** The story's paragraphs (text blocks of the extracted content, headings and list items included). */
  paragraphs: string[];
  /** Readability's cleaned HTML of the story (untrusted: sanitise before showing it on an extension page). */
  contentHtml: string;
  wordCount: number;
  readingMinutes: number;
  summary: string[];
  /** The summary's sentences at its longest length, in story order, ranked: any shorter summary is read from them. */
  summaryPicks: SummaryPick[];
  quotes: Quote[];
}
