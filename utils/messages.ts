// The message protocol: one typed name per request, grouped by who answers it.
import { browser } from 'wxt/browser';
import type { AnalyzeOptions, StoryText } from './analysis/assemble';
import type { StoryBrief } from './analysis/story-brief';
import type { Analysis } from './analysis/types';
import type { EntryChange } from './library/edits';
import type { ImportOutcome } from './storage/saved-store';
import type { SavedArticle, SavedEntry } from './storage/schema';
import type { Settings } from './storage/settings';

/** Requests the content script answers (sent by the popup and other extension pages to one tab). */
export interface ContentRequests {
  /** The page's analysis; `force` extracts even a page detection did not take for an article. */
  'analysis:get': { request: { force?: boolean }; response: Analysis };
  /**
   * All the companion shows about the page, in one answer. Messages pass through the browser's UI thread, which
   * is busy opening the popup just then: one trip instead of three brought the summary 6-8 ms sooner (median).
   */
  'companion:get': { request: { force?: boolean }; response: PageView };
  /** Turns the in-place declutter on or off; answers the state now in force. */
  'declutter:set': { request: { enabled: boolean }; response: DeclutterState };
  'declutter:get': { request: Record<string, never>; response: DeclutterState };
  /** The article this page holds, once analysed (null on any other page): the background's badge asks after a navigation. */
  'page:article': { request: Record<string, never>; response: DetectedArticle | null };
  /** The reader view over the page (the popup's button, the keyboard shortcut); each answers whether it is open. */
  'reader:open': { request: Record<string, never>; response: ReaderState };
  'reader:close': { request: Record<string, never>; response: ReaderState };
  'reader:toggle': { request: Record<string, never>; response: ReaderState };
  'reader:get': { request: Record<string, never>; response: ReaderState };
  /** Scrolls to quote `index` of the analysis (in the open reader view, else on the page) and highlights it. */
  'quote:show': { request: { index: number }; response: { found: boolean } };
}

export interface ReaderState {
  open: boolean;
}

/** What the companion (popup, side panel) shows about a page. */
export interface PageView {
  analysis: Analysis;
  declutter: DeclutterState;
  reader: ReaderState;
}

/** An article the content script has detected and analysed on its page. */
export interface DetectedArticle {
  url: string;
  title: string | null;
}

export interface DeclutterState {
  /** Whether the page is decluttered now. */
  enabled: boolean;
  /** How many page elements Lede hides. */
  hidden: number;
}

/** Requests the background answers: it is the only writer of storage. */
export interface BackgroundRequests {
  'saved:save': { request: { analysis: Analysis }; response: SavedEntry };
  /** A page Lede could not read, saved as its link; it gets its clean copy when next opened with Lede. */
  'saved:save-link': { request: { url: string; title: string }; response: SavedEntry };
  'saved:remove': { request: { id: string }; response: { removed: boolean } };
  /** Whether the page's URL is saved as a link waiting for its clean copy (asked by an article's page as it opens). */
  'saved:needs-body': { request: { url: string }; response: { needed: boolean } };
  /** The content script read an article whose URL is saved as a link only ('saved:needs-body'): keep its clean copy. */
  'saved:fill-body': { request: { analysis: Analysis }; response: { filled: boolean } };
  /** The library at the current storage version (a page that finds an older one waits for the migration). */
  'library:ready': { request: Record<string, never>; response: { count: number } };
  /** Mark read / unread / archived, add or remove tags, on one article or a selection. */
  'library:update': { request: { ids: string[]; change: EntryChange }; response: { updated: number } };
  /** How far the reader got in a saved article's offline copy (0..1): the copy opens there next time. */
  'library:progress': { request: { id: string; at: number }; response: { kept: boolean } };
  /** Deletes articles; `library:undo-delete` brings the last deletion back. */
  'library:delete': { request: { ids: string[] }; response: { deleted: number } };
  'library:undo-delete': { request: Record<string, never>; response: { restored: number } };
  /** An import in chunks under one id, written by `library:import-commit` (all or nothing), or abandoned. */
  'library:import-chunk': { request: { importId: string; articles: SavedArticle[] }; response: { staged: number } };
  'library:import-commit': { request: { importId: string; settings: Settings | null }; response: ImportOutcome };
  'library:import-abort': { request: { importId: string }; response: { aborted: boolean } };
  /**
   * A content script's article text, read here (summary, quotes, counts) so the page's main thread does not pay
   * for it; `ms` is how long the reading took.
   */
  'story:read': { request: { text: StoryText; options: AnalyzeOptions }; response: StoryBrief & { ms: number } };
  /** The sender's tab holds this article (sent once it is analysed), or no longer one: the toolbar badge follows. */
  'page:detected': { request: { article: DetectedArticle | null }; response: null };
}

type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

interface Envelope<N extends string = string> {
  lede: N;
  payload: unknown;
}

function isEnvelope(m: unknown): m is Envelope {
  return typeof m === 'object' && m !== null && typeof (m as Envelope).lede === 'string';
}

async function unwrap<T>(reply: Reply<T> | undefined, name: string): Promise<T> {
  if (!reply) throw new Error(`No answer to ${name}`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

export async function askTab<N extends keyof ContentRequests>(
  tabId: number,
  name: N,
  payload: ContentRequests[N]['request'],
): Promise<ContentRequests[N]['response']> {
  const reply = (await browser.tabs.sendMessage(tabId, { lede: name, payload } satisfies Envelope)) as
    | Reply<ContentRequests[N]['response']>
    | undefined;
  return unwrap(reply, name);
}

export async function askBackground<N extends keyof BackgroundRequests>(
  name: N,
  payload: BackgroundRequests[N]['request'],
): Promise<BackgroundRequests[N]['response']> {
  const reply = (await browser.runtime.sendMessage({ lede: name, payload } satisfies Envelope)) as
    | Reply<BackgroundRequests[N]['response']>
    | undefined;
  return unwrap(reply, name);
}

type Protocol<R> = { [N in keyof R]: { request: unknown; response: unknown } };

type Handlers<R extends Protocol<R>> = {
  [N in keyof R]: (payload: R[N]['request'], sender: Sender) => R[N]['response'] | Promise<R[N]['response']>;
};

/** Who sent a request: `tab` is set when a content script did. */
export interface Sender {
  tab?: { id?: number };
}

/**
 * Answers the requests named in `handlers`; errors travel back as messages, never as silence. The answer goes by
 * `sendResponse` (the listener returns true to keep the channel open): what Chrome's own API understands as well as
 * Firefox's and the polyfill's, so the same code answers in the content script, which runs without the polyfill.
 */
export function answer<R extends Protocol<R>>(
  handlers: Handlers<R>,
): () => void {
  const listener = (message: unknown, sender: Sender, sendResponse: (reply: Reply<unknown>) => void): true | undefined => {
    if (!isEnvelope(message) || !(message.lede in handlers)) return undefined;
    const handler = handlers[message.lede as keyof R] as (p: unknown, s: Sender) => unknown;
    void Promise.resolve()
      .then(() => handler(message.payload, sender))
      .then(
        (value) => ({ ok: true as const, value }),
        (e: unknown) => ({ ok: false as const, error: e instanceof Error ? e.message : String(e) }),
      )
      .then(sendResponse);
    return true;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
