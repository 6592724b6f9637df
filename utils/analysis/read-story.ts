// How the story's text reads: its prose paragraphs, counts, the summary and the key quotes. Text in, text out:
// the background runs it for the content script (off the page's thread), the command-line tools and tests directly.
import type { AnalyzeOptions, StoryReading, StoryText } from './assemble';
import type { Block } from './extract';
import { summaryOf } from './picks';
import { findQuotes, markKeyQuotes } from './quotes';
import { readsAsProse } from './prose';
import { textLength } from './segment';
import { rankSummary } from './summarise';

/**
 * Blocks that carry the story's prose: what summaries and quotes are drawn from. Never captions, link lists, or
 * the short labels of widgets left in the story ("This audio is created with AI assistance", "Listen", "3 min read").
 */
export function proseParagraphs(blocks: Block[], lang: string | null = null): string[] {
  return blocks.filter((b) => (b.kind === 'paragraph' || b.kind === 'quote') && readsAsProse(b.text, b.linkDensity, lang)).map((b) => b.text);
}

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

