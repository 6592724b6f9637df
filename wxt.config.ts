import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// The gecko id is fixed so Firefox profiles, tests and storage keep the same extension identity.
export const GECKO_ID = 'lede@lede-reader.org';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // The sources zip for addons.mozilla.org holds what rebuilds the add-on, not scratch or test output.
  zip: { excludeSources: ['tmp/**', 'demo-output/**', 'bench-results/**', 'web-ext-artifacts/**'] },
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'Lede',
    description: 'A private reading companion for news: clutter-free articles, a short summary, key quotes, saved for later.',
    permissions: ['storage', 'unlimitedStorage', 'activeTab'],
    action: { default_title: 'Lede' },
    // The reader view's code, imported by the content script when the reader first opens (utils/page/reader-overlay.ts).
    // Chromium imports only web-accessible files; the per-session URL keeps pages from probing for Lede by it.
    // Firefox lets a content script import the extension's own files as they are.
    ...(browser !== 'firefox'
      ? {
          web_accessible_resources: [
            { resources: ['reader-overlay.js'], matches: ['http://*/*', 'https://*/*'], use_dynamic_url: true },
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
