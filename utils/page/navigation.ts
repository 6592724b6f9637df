// Single-page sites change article without a page load (history.pushState / replaceState, back and forward). A
// content script lives in an isolated world, so patching history.pushState would patch our own copy, which the
// page never calls. The Navigation API's events fire in every world for every same-document navigation (checked
// in Chromium 156 and Firefox ESR 153); where it is missing (Firefox before 147), popstate, a watch on <title>
// and a poll of location.href once a second take its place: a string comparison, nothing more.
import { canonicalUrl } from '../storage/schema';

interface NavigationLike {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

export interface FollowOptions {
  /** The page has settled when its DOM has not changed for this long (ms)... */
  quietMs?: number;
  /** ...or after this long anyway (a page with a ticker never settles). */
  maxWaitMs?: number;
  /** After a change of address, a new <title> within this long means the article came late: look again. */
  lateTitleMs?: number;
  pollMs?: number;
}

/** Calls `onChange` with the new address whenever it changes without a page load. Returns the way to stop. */
export function watchUrl(win: Window, onChange: (url: string) => void, pollMs = 1000): () => void {
  let last = win.location.href;
  const check = () => {
    const now = win.location.href;
    if (now === last) return;
    last = now;
    onChange(now);
  };
  const navigation = (win as Window & { navigation?: NavigationLike }).navigation;
  if (navigation?.addEventListener) {
    navigation.addEventListener('navigatesuccess', check);
    return () => navigation.removeEventListener('navigatesuccess', check);
  }
  win.addEventListener('popstate', check);
  const titles = watchTitle(win, check);
  const timer = win.setInterval(check, pollMs);
  return () => {
    win.removeEventListener('popstate', check);
    titles();
    win.clearInterval(timer);
  };
}

// The content script's own MutationObserver; a test's window brings its own.
function observerOf(win: Window): typeof MutationObserver | undefined {
  return globalThis.MutationObserver ?? (win as Window & { MutationObserver?: typeof MutationObserver }).MutationObserver;
}

function watchTitle(win: Window, onChange: () => void): () => void {
  const Observer = observerOf(win);
  const head = win.document.head;
  if (!Observer || !head) return () => {};
  const observer = new Observer(() => onChange());
  observer.observe(head, { childList: true, subtree: true, characterData: true });
  return () => observer.disconnect();
}

/** Resolves once the DOM has been quiet for `quietMs`, or after `maxWaitMs`. Attribute changes (Lede's own
 * declutter marks among them) do not count: new or removed content does. */
export function settled(win: Window, quietMs: number, maxWaitMs: number): Promise<void> {
  return new Promise((resolve) => {
    const doc = win.document;
    const Observer = observerOf(win);
    let quiet = 0;
    const done = () => {
      observer?.disconnect();
      win.clearTimeout(quiet);
      win.clearTimeout(cap);
      resolve();
    };
    const observer =
      !Observer || !doc.body
        ? null
        : new Observer(() => {
            win.clearTimeout(quiet);
            quiet = win.setTimeout(done, quietMs);
          });
    observer?.observe(doc.body, { childList: true, subtree: true, characterData: true });
    quiet = win.setTimeout(done, quietMs);
    const cap = win.setTimeout(done, maxWaitMs);
  });
}

/**
 * Follows a single-page site from page to page: when the address changes (other than by its #fragment or its
 * tracking parameters) and the new page has settled, `next(url, previous)` makes the page's successor. `onChange`
 * gets the page to use from the moment the address changes (a promise until the successor is there), so nobody
 * is answered about the page that was. A site that fetches the story after changing the address usually retitles
 * the page when it arrives: a new title soon after is a second look. Returns the way to stop.
 */
export function followPages<P>(
  win: Window,
  first: Promise<P>,
  next: (url: string, previous: P) => Promise<P>,
  onChange: (current: Promise<P>) => void,
  options: FollowOptions = {},
): () => void {
  const { quietMs = 400, maxWaitMs = 4000, lateTitleMs = 8000, pollMs = 1000 } = options;
  let latest = first;
  let address = canonicalUrl(win.location.href);
  let generation = 0; // one per address
  let looks = 0; // one per look: an address, or a late title
  let stopTitle: (() => void) | null = null;

  const look = (mine: number) => {
    const id = ++looks;
    const ready = settled(win, quietMs, maxWaitMs);
    latest = latest.then(async (previous) => {
      await ready;
      // A later look makes the successor: this one hands the page on as it is.
      if (mine !== generation || id !== looks) return previous;
      return next(win.location.href, previous).catch((e) => {
        console.warn('Lede: could not follow the page', e);
        return previous;
      });
    });
    onChange(latest);
  };

  const stopUrl = watchUrl(
    win,
    (url) => {
      const key = canonicalUrl(url);
      if (key === address) return;
      address = key;
      const mine = ++generation;
      look(mine);
      stopTitle?.();
      let title = win.document.title;
      const stop = watchTitle(win, () => {
        if (win.document.title === title || mine !== generation) return;
        title = win.document.title;
        look(mine);
      });
      const timer = win.setTimeout(() => stop(), lateTitleMs);
      stopTitle = () => {
        stop();
        win.clearTimeout(timer);
      };
    },
    pollMs,
  );
  return () => {
    generation++;
    stopUrl();
    stopTitle?.();
  };
}
