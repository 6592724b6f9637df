// Where the content script finds the analysis code once its file has run: a name on the content script's own
// global (an isolated world, which the page does not see). Apart from analyser.ts, so the content script does
// not bundle what it loads on demand.
export const ANALYSER_FILE = '/page-analysis.js';
export const ANALYSER_GLOBAL = '__ledeAnalyser';
