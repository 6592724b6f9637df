// What each built file carries onto web pages. A page that is not an article loads only the content script; an
// article loads the analysis code as well. Neither may carry code the page never runs: the browser API layer
// (webextension-polyfill) belongs to the content script alone, and Readability and the declutter rules to the
// analysis file, and the storage layer (settings, library) to the files an article loads. (A stray auto-import once
// put the polyfill into the analysis file, 10 kB on every article.)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtExtensionDir } from './lib/index.ts';

const ON_DEMAND = ['page-analysis.js', 'story-reading.js', 'quote-finder.js'];

for (const kind of ['chromium', 'firefox'] as const) {
  describe(`The files Lede puts on pages (${kind} build)`, () => {
    const read = (file: string) => readFileSync(path.join(builtExtensionDir(kind), file), 'utf8');

    it('loads no browser API layer with the code it imports on demand', () => {
      for (const file of ON_DEMAND) expect(read(file), file).not.toContain('webextension-polyfill');
    });

    it('keeps Readability, the declutter rules and the quote finder out of the content script every page runs', () => {
      const content = read('content-scripts/content.js');
      expect(content).not.toContain('_grabArticle'); // Readability
      expect(content).not.toContain('indicates required'); // declutter's clutter words
      expect(content).not.toContain('lede-quote'); // the quote highlight
      expect(read('page-analysis.js')).toContain('_grabArticle');
      expect(read('page-analysis.js')).toContain('indicates required');
      expect(read('quote-finder.js')).toContain('lede-quote');
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
