// The story's text reading as the content script loads it, on the rare page where the background cannot read the
// text for it (entrypoints/story-reading.ts): on every other article page this code is never fetched or compiled.
import { readStoryBrief } from '../analysis/read-story';

export const storyReader = { readStoryBrief };

export type StoryReader = typeof storyReader;
