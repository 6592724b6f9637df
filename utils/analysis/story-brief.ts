// The story's reading as the background sends it back to the page: without the text the page sent it. Types and
// one small function only, so the page's analysis file and the text reader can both take it without each other.
import type { StoryReading } from './assemble';
import type { Block } from './extract';

/** The story read as text, as the background answers it: the prose paragraphs as indices of the blocks sent. */
export type StoryBrief = Omit<StoryReading, 'text' | 'paragraphs'> & {
  /** Indices of the blocks that are the story's prose paragraphs. */
  prose: number[];
};

/** A reading with the story's text put back from its blocks: the whole text, and the prose paragraphs. */
export function withStoryText<B extends { prose: number[] }>(blocks: Block[], brief: B): Omit<B, 'prose'> & Pick<StoryReading, 'text' | 'paragraphs'> {
  const { prose, ...rest } = brief;
  return { ...rest, text: blocks.map((b) => b.text).join('\n\n'), paragraphs: prose.map((i) => blocks[i].text) };
}
