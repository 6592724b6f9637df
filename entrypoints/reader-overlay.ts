// The reader view over a page, as a file of its own: the content script imports it the first time the reader
// opens (utils/page/reader-overlay.ts), so pages where it never opens do not load Preact, DOMPurify, the view and the settings it keeps.
import { mountOverlay } from '@/components/reader/mount-overlay';
import { OVERLAY_GLOBAL, type OverlayModule } from '@/components/reader/overlay-global';
import { getSettings, updateSettings } from '@/utils/storage/settings';

export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[OVERLAY_GLOBAL] = {
    mountOverlay,
    prefs: getSettings,
    savePrefs: updateSettings,
  } satisfies OverlayModule;
});
