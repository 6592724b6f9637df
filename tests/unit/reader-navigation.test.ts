// Following a single-page site: the address changes without a page load, Lede waits for the new page to settle
// and makes its successor. With the Navigation API (faked here: jsdom has none) and without it (popstate, <title>
// watch, a poll of the address).
import { JSDOM } from 'jsdom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { followPages, settled, watchUrl } from '../../utils/page/navigation';

const FAST = { quietMs: 20, maxWaitMs: 300, lateTitleMs: 2_000, pollMs: 50 };
const windows: Window[] = [];

function site(url = 'https://news.example/'): Window {
  const win = new JSDOM('<!doctype html><title>Front page</title><main><p>Teasers</p></main>', { url }).window as unknown as Window;
  windows.push(win);
  return win;
}

/** A fake of the Navigation API: 'navigatesuccess' after each history change the test makes. */
function withNavigation(win: Window) {
  const target = new EventTarget();
  Object.assign(win, { navigation: target });
  return (url: string) => {
    win.history.pushState({}, '', url);
    target.dispatchEvent(new Event('navigatesuccess'));
  };
}

afterEach(() => {
  for (const w of windows.splice(0)) w.close();
});

describe('watchUrl', () => {
  it('hears the Navigation API’s navigatesuccess, once per new address', () => {
    const win = site();
    const go = withNavigation(win);
    const seen: string[] = [];
    const stop = watchUrl(win, (url) => seen.push(url));
    go('/2024/10/02/night-buses');
    go('/2024/10/02/night-buses'); // the same address again: nothing new
    go('/2024/10/03/library');
    stop();
    go('/elsewhere');
    expect(seen).toEqual(['https://news.example/2024/10/02/night-buses', 'https://news.example/2024/10/03/library']);
  });

  it('without it, hears popstate, a new <title>, or the poll', async () => {
    const win = site();
    const seen: string[] = [];
    const stop = watchUrl(win, (url) => seen.push(url), 50);
    win.history.pushState({}, '', '/a');
    win.dispatchEvent(new (win as Window & typeof globalThis).PopStateEvent('popstate'));
    win.history.pushState({}, '', '/b');
    win.document.title = 'Story B';
    await vi.waitFor(() => expect(seen).toContain('https://news.example/b'));
    win.history.pushState({}, '', '/c'); // no event at all: the poll finds it
    await vi.waitFor(() => expect(seen).toContain('https://news.example/c'));
    stop();
    expect(seen).toEqual(['https://news.example/a', 'https://news.example/b', 'https://news.example/c']);
  });
});

describe('settled', () => {
  afterEach(() => vi.useRealTimers());

  it('waits until the page stops changing, or gives up waiting', async () => {
    vi.useFakeTimers();
    const page = site();
    // The page's DOM, with timers the test moves by hand.
    const win = {
      document: page.document,
      MutationObserver: (page as Window & { MutationObserver: typeof MutationObserver }).MutationObserver,
      setTimeout: (f: () => void, ms: number) => setTimeout(f, ms),
      clearTimeout: (t: number) => clearTimeout(t),
    } as unknown as Window;
    let done = false;
    void settled(win, 40, 200).then(() => (done = true));
    const main = page.document.querySelector('main')!;
    for (let i = 0; i < 3; i++) {
      main.append(page.document.createElement('p')); // new content: the quiet starts again
      await vi.advanceTimersByTimeAsync(30);
      expect(done).toBe(false);
    }
    await vi.advanceTimersByTimeAsync(15);
    expect(done).toBe(true);

    let capped = false;
    void settled(win, 40, 200).then(() => (capped = true));
    for (let t = 0; t < 190; t += 30) {
      main.append(page.document.createElement('span')); // a ticker: never quiet
      await vi.advanceTimersByTimeAsync(30);
    }
    expect(capped).toBe(true);
  });
});

describe('followPages', () => {
  it('makes each new page’s successor from the previous one, once the page has settled', async () => {
    const win = site();
    const go = withNavigation(win);
    const made: [string, string][] = [];
    let current: Promise<string> = Promise.resolve('front');
    const stop = followPages(
      win,
      current,
      async (url, previous) => {
        made.push([url, previous]);
        return url;
      },
      (next) => (current = next),
      FAST,
    );
    go('/2024/10/02/night-buses');
    // Asked at once, the current page is the one being made (not the one left behind).
    expect(await current).toBe('https://news.example/2024/10/02/night-buses');
    go('/2024/10/02/night-buses#comments'); // a fragment: the same page
    go('/2024/10/02/night-buses?utm_source=feed'); // a tracking parameter: the same page
    go('/2024/10/03/library');
    expect(await current).toBe('https://news.example/2024/10/03/library');
    stop();
    expect(made).toEqual([
      ['https://news.example/2024/10/02/night-buses', 'front'],
      ['https://news.example/2024/10/03/library', 'https://news.example/2024/10/02/night-buses'],
    ]);
  });

  it('makes one successor for addresses that change faster than the page settles, for the last one', async () => {
    const win = site();
    const go = withNavigation(win);
    const made: string[] = [];
    let current: Promise<string> = Promise.resolve('front');
    followPages(win, current, async (url) => (made.push(url), url), (next) => (current = next), FAST);
    go('/a');
    go('/b');
    go('/c');
    expect(await current).toBe('https://news.example/c');
    expect(made).toEqual(['https://news.example/c']);
  });

  it('looks again when the story arrives late and retitles the page', async () => {
    const win = site();
    const go = withNavigation(win);
    const made: string[] = [];
    let current: Promise<string> = Promise.resolve('front');
    followPages(win, current, async (url) => (made.push(`${url} ${win.document.title}`), url), (next) => (current = next), FAST);
    go('/2024/10/03/library'); // the site shows "Loading…" under the new address
    await current;
    win.document.title = 'Library reopens its reading room'; // then the story, fetched, with its title
    await vi.waitFor(() => expect(made).toHaveLength(2));
    expect(made[1]).toBe('https://news.example/2024/10/03/library Library reopens its reading room');
  });

  it('keeps the previous page when making its successor fails', async () => {
    const win = site();
    const go = withNavigation(win);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    let current: Promise<string> = Promise.resolve('front');
    followPages(win, current, async () => Promise.reject(new Error('no document')), (next) => (current = next), FAST);
    go('/broken');
    expect(await current).toBe('front');
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});
