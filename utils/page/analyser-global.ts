// Where the content script finds the code it loads on demand once its file has run: names on the content script's
// own global (an isolated world, which the page does not see). Apart from the code itself, so the content script
// does not bundle what it loads on demand.
export const ANALYSER_FILE = '/page-analysis.js';
export const ANALYSER_GLOBAL = '__ledeAnalyser';
/** The story's text reading (summary, quotes), loaded only when the background cannot read it for the page. */
export const STORY_READER_FILE = '/story-reading.js';
export const STORY_READER_GLOBAL = '__ledeStoryReader';
/** Finding a quotation on the page and highlighting it, loaded when the reader first clicks a quote. */
export const QUOTE_FINDER_FILE = '/quote-finder.js';
export const QUOTE_FINDER_GLOBAL = '__ledeQuoteFinder';
