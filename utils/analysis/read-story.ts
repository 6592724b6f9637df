// How the story's text reads: its prose paragraphs, counts, the summary and the key quotes. Text in, text out:
// the background runs it for the content script (off the page's thread), the command-line tools and tests directly.
import type { AnalyzeOptions, StoryReading, StoryText } from './assemble';
import { withStoryText, type StoryBrief } from './story-brief';
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
  return proseBlocks(blocks, lang).map((i) => blocks[i].text);
}

/**
 * Indices of the blocks proseParagraphs keeps. A story told in bullets (a weekly round-up of changes, say) has no
 * prose paragraph at all: then its list items that read as prose are its paragraphs, and it gets a summary too.
 */
function proseBlocks(blocks: Block[], lang: string | null): number[] {
  const kept = (kinds: Block['kind'][]) =>
    blocks.flatMap((b, i) => (kinds.includes(b.kind) && readsAsProse(b.text, b.linkDensity, lang) ? [i] : []));
  const paragraphs = kept(['paragraph', 'quote']);
  return paragraphs.length ? paragraphs : kept(['list-item']);
}

/** The longest summary the reader can choose (settings' "long"): the ranking covers every shorter one. */
export const LONGEST_SUMMARY = 5;

/**
 * Reads the story's text: no DOM, so the content script can hand it to the background, off the page's thread.
 * The answer leaves out the text the page already has (it sent the blocks): the page's thread would pay to take
 * it back out of the message. withStoryText puts it back.
 */
export function readStoryBrief(story: StoryText, options: AnalyzeOptions = {}): StoryBrief {
  const { title, excerpt, lang, blocks } = story;
  const prose = proseBlocks(blocks, lang);
  const { text, paragraphs } = withStoryText(blocks, { prose });
  const summaryPicks = rankSummary({ title, description: excerpt, paragraphs, lang }, Math.max(LONGEST_SUMMARY, options.summarySentences ?? 3));
  const { words: wordCount, minutes: readingMinutes } = textLength(text, lang);
  return {
    prose,
    wordCount,
    readingMinutes,
    summary: summaryOf(summaryPicks, options.summarySentences ?? 3),
    summaryPicks,
    quotes: markKeyQuotes(findQuotes(paragraphs, lang), options.keyQuotes ?? 3),
  };
}

/** The whole reading of the story's text (the command-line tools and tests). */
export function readStory(story: StoryText, options: AnalyzeOptions = {}): StoryReading {
  return withStoryText(story.blocks, readStoryBrief(story, options));
}

