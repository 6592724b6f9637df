// What each built file carries onto web pages. A page that is not an article loads only the content script; an
// article loads the analysis code as well. Neither may carry code the page never runs: no file a page loads carries
// the browser API layer (webextension-polyfill: the browsers' own promise-based calls are all they use, and its load
// cost every page about 1.3 ms of main thread), Readability and the declutter rules belong to the analysis file, and
// the storage layer (settings, library) to the files an article loads. (A stray auto-import once put the polyfill
// into the analysis file, 10 kB on every article.)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtExtensionDir } from './lib/index.ts';

const ON_DEMAND = ['page-analysis.js', 'story-reading.js', 'quote-finder.js'];

for (const kind of ['chromium', 'firefox'] as const) {
  describe(`The files Lede puts on pages (${kind} build)`, () => {
    const read = (file: string) => readFileSync(path.join(builtExtensionDir(kind), file), 'utf8');

    it('loads no browser API layer onto pages, neither with the content script nor with the code it imports', () => {
      for (const file of ['content-scripts/content.js', ...ON_DEMAND, 'reader-overlay.js'])
        expect(read(file), file).not.toContain('webextension-polyfill');
      expect(read('background.js')).toContain('webextension-polyfill'); // what the test looks for is still there
    });

    it('asks V8 to compile each file Lede runs on pages whole, as it loads (the compile hint on its first line)', () => {
      for (const file of ['content-scripts/content.js', ...ON_DEMAND, 'reader-overlay.js'])
        expect(read(file).split('\n', 1)[0], file).toBe('//# allFunctionsCalledOnLoad');
      expect(read('background.js')).not.toContain('allFunctionsCalledOnLoad'); // only the files that run on pages
    });

    it("announces no start-up on the page: WXT's context, which dispatches an event on the document, is left out", () => {
      // (utils/page/quiet-context.ts takes its place in the content script's build; WXT's names its event
      // "<extension id>:content:wxt:content-script-started".)
      expect(read('content-scripts/content.js')).not.toContain('content-script-started');
    });

    it('keeps Readability, the declutter rules and the quote finder out of the content script every page runs', () => {
      const content = read('content-scripts/content.js');
      expect(content).not.toContain('_grabArticle'); // Readability
      expect(content).not.toContain('indicates required'); // declutter's clutter words
      expect(content).not.toContain('::highlight('); // the quote highlight's rules
      expect(read('page-analysis.js')).toContain('_grabArticle');
      expect(read('page-analysis.js')).toContain('indicates required');
      expect(read('quote-finder.js')).toContain('::highlight(');
    });

    it('keeps the storage layer out of the content script: only an article reads the settings or the library', () => {
      const storageLayer = 'must be loaded in a web extension environment'; // @wxt-dev/storage's own check
      expect(read('content-scripts/content.js')).not.toContain(storageLayer);
      expect(read('page-analysis.js')).toContain(storageLayer);
    });

    it('keeps Readability out of the text reader and the background: they read text, not pages', () => {
      expect(read('story-reading.js')).not.toContain('_grabArticle');
      expect(read('background.js')).not.toContain('_grabArticle');
    });
  });
}
