// How the content script finds the reader view's code once its file has run: a name on the content script's
// own global (an isolated world, which the page does not see). The file is loaded only when the reader opens.
import type { mountOverlay } from './mount-overlay';
import type { ReaderPrefs } from './prefs';

export const OVERLAY_GLOBAL = '__ledeReaderOverlay';
export const OVERLAY_FILE = '/reader-overlay.js';

export interface OverlayModule {
  mountOverlay: typeof mountOverlay;
  /** The reader's preferences (typeface, size, theme) live in the settings: read and kept by this file, so the
   * content script every page runs carries no storage layer. */
  prefs(): Promise<ReaderPrefs>;
  savePrefs(patch: Partial<ReaderPrefs>): Promise<unknown>;
}
