// What Lede runs on an article and nowhere else: Readability on a clone, summary and quotes, the story map and
// declutter, and what the page reads of the settings. It is a file of its own (entrypoints/page-analysis.ts), loaded by the content script only once a
// page turns out to be an article (or the reader asks for one), so the other pages never fetch, compile or keep
// it: it is two thirds of Lede's page code.
import { articleOf, pageWithoutStory, storyText } from '../analysis/assemble';
import { withStoryText } from '../analysis/story-brief';
import { decide } from '../analysis/detect-model';
import { extractArticle } from '../analysis/extract';
import { storyRegion } from '../analysis/story-region';
import { followSettings, pageChoices } from './article-settings';
import { cloneInSlices } from './clone-map';
import { Declutter } from './declutter';
import { mapStoryInSlices } from './story';

export const analyser = {
  decide,
  storyRegion,
  cloneInSlices,
  extractArticle,
  storyText,
  withStoryText,
  articleOf,
  pageWithoutStory,
  mapStoryInSlices,
  Declutter,
  // (the reader's settings, which only an article reads)
  pageChoices,
  followSettings,
};

export type PageAnalyser = typeof analyser;
