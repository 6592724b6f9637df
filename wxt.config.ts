import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// The gecko id is fixed so Firefox profiles, tests and storage keep the same extension identity.
export const GECKO_ID = 'lede@lede-reader.org';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'Lede',
    description: 'A private reading companion for news: clutter-free articles, a short summary, key quotes, saved for later.',
    permissions: ['storage', 'unlimitedStorage', 'activeTab'],
    action: { default_title: 'Lede' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
