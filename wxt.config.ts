import { defineConfig } from 'wxt';
import type { Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { resolve } from 'node:path';

// The gecko id is fixed so Firefox profiles, tests and storage keep the same extension identity.
export const GECKO_ID = 'lede@lede-reader.org';

/**
 * V8's explicit compile hint, at the top of each file run on web pages: compile every function as the file is
 * compiled, not each on its first call. Nearly all of it runs where it is loaded (the content script's detection
 * on every page; the analysis, Readability included, on articles), and lazy compiling parsed it twice and then
 * compiled it function by function on the page's main thread, in the middle of Lede's steps. With the hint the
 * content script's evaluation on non-article pages took 0.5 ms less (7.9 -> 7.3 and 7.7 -> 7.1 ms median, two
 * interleaved A/Bs on 24 and 40 pages), and on articles the whole analysis 25 -> 17-20 ms median (Readability's
 * parse 14 -> 9-11 ms), the analysis file being compiled as it is imported, apart from the page's main thread
 * (its evaluation did not grow). Added after WXT's own output pass, which expects the file to start with its
 * code; a source map, when there is one, is moved down a line with it.
 */
const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';
const compileHints = (): Plugin => ({
  name: 'lede:compile-hints',
  enforce: 'post',
  generateBundle(_, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk' || !chunk.isEntry) continue;
      chunk.code = COMPILE_HINT + chunk.code;
      const map = bundle[`${chunk.fileName}.map`];
      if (map?.type === 'asset' && typeof map.source === 'string') {
        const json = JSON.parse(map.source);
        map.source = JSON.stringify({ ...json, mappings: `;${json.mappings}` });
      }
    }
  },
});

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // The sources zip for addons.mozilla.org holds what rebuilds the add-on, not scratch or test output.
  zip: { excludeSources: ['tmp/**', 'demo-output/**', 'bench-results/**', 'web-ext-artifacts/**', 'docs/screenshots/**'] },
  // LEDE_SOURCEMAP=1: source maps, for the page benchmark's profile (BENCH_PROFILE=1); never in a release build.
  vite: () => ({ plugins: [preact()], build: { sourcemap: process.env.LEDE_SOURCEMAP === '1' } }),
  hooks: {
    // What runs on web pages (the content script every page runs, and the files it imports: all unlisted scripts)
    // talks to the browser's own API: Chrome's and Firefox's promise-based calls are all it uses, and the
    // polyfill's load (1.3 ms of a page's main thread, median) would be paid on the whole web for nothing.
    // Extension pages and the background keep the polyfill. The content script also gets a context that does
    // nothing at start-up (utils/page/quiet-context.ts says why).
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.some((e) => e.type === 'content-script' || e.type === 'unlisted-script')) return;
      config.plugins = [...(config.plugins ?? []), compileHints()];
      const pageSide = {
        'wxt/browser': '@wxt-dev/browser',
        'wxt/utils/content-script-context': resolve(import.meta.dirname, 'utils/page/quiet-context.ts'),
      };
      const alias = config.resolve?.alias;
      const entries = Array.isArray(alias) ? alias : Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement }));
      config.resolve = {
        ...config.resolve,
        alias: [
          ...Object.entries(pageSide).map(([find, replacement]) => ({ find, replacement })),
          ...entries.filter((a) => !(typeof a.find === 'string' && a.find in pageSide)),
        ],
      };
    },
    // WXT names the toolbar button and the sidebar after their pages' <title>; the manifest's names are localised.
    'build:manifestGenerated': (_, manifest) => {
      for (const key of ['action', 'browser_action', 'sidebar_action'] as const)
        if (manifest[key]) manifest[key].default_title = '__MSG_extName__';
    },
  },
  manifest: ({ browser, manifestVersion }) => ({
    // Name, description and shortcut names in the browser's language: public/_locales/<lang>/messages.json.
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Each one is justified in the README's Permissions table (tests/unit/readme-agrees.test.ts keeps them equal).
    // Chrome adds sidePanel for entrypoints/sidepanel; Firefox's sidebar needs no permission.
    permissions: ['storage', 'unlimitedStorage', 'activeTab', 'contextMenus'],
    // The toolbar button: `action` in Manifest V3, `browser_action` in Firefox's V2 build.
    [manifestVersion === 3 ? 'action' : 'browser_action']: {
      default_icon: { 16: 'icon/16.png', 32: 'icon/32.png' },
      // Firefox draws its toolbar in one colour per theme: "light" is the light glyph for dark toolbars. It puts a
      // new add-on's button in its extensions menu unless told otherwise; Lede's goes on the toolbar, where its
      // mark on article tabs is seen and a click opens the popup (Chrome has no such key: the reader pins it).
      ...(browser === 'firefox'
        ? {
            theme_icons: [16, 32].map((size) => ({ light: `icon/light-${size}.png`, dark: `icon/dark-${size}.png`, size })),
            default_area: 'navbar',
          }
        : {}),
    },
    commands: {
      // The browser's own command: it opens the popup.
      [manifestVersion === 3 ? '_execute_action' : '_execute_browser_action']: {
        suggested_key: { default: 'Alt+Shift+L' },
        description: '__MSG_commandOpen__',
      },
      'save-article': { suggested_key: { default: 'Alt+Shift+S' }, description: '__MSG_commandSave__' },
      'toggle-reader': { suggested_key: { default: 'Alt+Shift+V' }, description: '__MSG_commandReader__' },
      'toggle-declutter': { suggested_key: { default: 'Alt+Shift+D' }, description: '__MSG_commandDeclutter__' },
    },
    // The reader view's code, imported by the content script when the reader first opens (utils/page/reader-overlay.ts).
    // Chromium imports only web-accessible files; the per-session URL keeps pages from probing for Lede by it.
    // Firefox lets a content script import the extension's own files as they are.
    ...(browser !== 'firefox'
      ? {
          web_accessible_resources: [
            // page-analysis.js: the analysis code, which the content script imports on articles only; story-reading.js:
            // the summary and quotes, imported only where the background cannot read them; quote-finder.js: shows a quote on
            // the page, imported when one is first clicked (utils/page/analyser-loader.ts).
            {
              resources: ['reader-overlay.js', 'page-analysis.js', 'story-reading.js', 'quote-finder.js'],
              matches: ['http://*/*', 'https://*/*'],
              use_dynamic_url: true,
            },
          ],
        }
      : {}),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              // data_collection_permissions is read from Firefox 140 (desktop) and 142 (Android) on.
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
