// The story's text reading as a file of its own, loaded into a page by the content script only when the background
// cannot read the text for it (utils/page/analyser-loader.ts).
import { STORY_READER_GLOBAL } from '@/utils/page/analyser-global';
import { storyReader } from '@/utils/page/story-reader';

export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[STORY_READER_GLOBAL] = storyReader;
});
