// The reader view over the page, from the content script's side: open, close, toggle, and the popup's quote
// clicks while it is open. The view itself (components/reader/mount-overlay.ts: Preact, DOMPurify, its styles)
// is a file of its own that the content script imports the first time the reader opens, so the pages where it
// never opens do not load it. A dynamic import() of an extension file from a content script works in Chromium
// (the file is web-accessible, behind a per-session URL so pages cannot probe for Lede) and in Firefox.
import type { OverlayHandle } from '@/components/reader/mount-overlay';
import { OVERLAY_FILE, OVERLAY_GLOBAL, type OverlayModule } from '@/components/reader/overlay-global';
import type { ReaderPrefs } from '@/components/reader/prefs';
import type { Analysis } from '../analysis/types';
import type { ReaderState } from '../messages';
import { loadOnce, quoteFinderIfLoaded } from './analyser-loader';

export const loadOverlay = () => loadOnce<OverlayModule>(OVERLAY_FILE, OVERLAY_GLOBAL, 'The reader view could not be loaded');

export interface ReaderViewDeps {
  load(): Promise<OverlayModule>;
  prefs(): Promise<ReaderPrefs>;
  savePrefs(patch: Partial<ReaderPrefs>): Promise<unknown>;
}

const extensionDeps: ReaderViewDeps = {
  load: loadOverlay,
  prefs: async () => (await loadOverlay()).prefs(),
  savePrefs: async (patch) => (await loadOverlay()).savePrefs(patch),
};

export class ReaderView {
  private handle: OverlayHandle | null = null;
  private opening: Promise<ReaderState> | null = null;

  constructor(
    private readonly doc: Document,
    /** The current page's analysis (a single-page site changes it without a page load). */
    private readonly analysis: () => Promise<Analysis>,
    private readonly deps: ReaderViewDeps = extensionDeps,
  ) {}

  get state(): ReaderState {
    return { open: this.handle !== null };
  }

  open(): Promise<ReaderState> {
    if (this.handle) return Promise.resolve(this.state);
    this.opening ??= this.mount().finally(() => (this.opening = null));
    return this.opening;
  }

  close(): ReaderState {
    this.handle?.close();
    return this.state;
  }

  toggle(): Promise<ReaderState> {
    return this.handle ? Promise.resolve(this.close()) : this.open();
  }

  /** A quote shown in the open reader; null when the reader is closed (the page shows it then). */
  showQuote(index: number): { found: boolean } | null {
    return this.handle ? { found: this.handle.showQuote(index) } : null;
  }

  private async mount(): Promise<ReaderState> {
    const [analysis, prefs, overlay] = await Promise.all([this.analysis(), this.deps.prefs(), this.deps.load()]);
    // A page Lede did not take for an article stays untouched unless the reader asks (the popup's "read it anyway").
    if (!analysis.isArticle || !analysis.contentHtml) {
      throw new Error('Lede doesn’t take this page for an article: open Lede and choose “Read it as an article anyway”');
    }
    if (this.handle) return this.state;
    quoteFinderIfLoaded()?.clearQuoteHighlight();
    this.handle = overlay.mountOverlay(this.doc, {
      analysis,
      prefs,
      onPrefs: (patch) => void this.deps.savePrefs(patch).catch((e) => console.warn('Lede: could not store the setting', e)),
      onClose: () => (this.handle = null),
    });
    return this.state;
  }
}
