// The message protocol: one typed name per request, grouped by who answers it.
import { browser } from 'wxt/browser';
import type { Analysis } from './analysis/types';
import type { SavedEntry } from './storage/schema';

/** Requests the content script answers (sent by the popup and other extension pages to one tab). */
export interface ContentRequests {
  /** The page's analysis; `force` extracts even a page detection did not take for an article. */
  'analysis:get': { request: { force?: boolean }; response: Analysis };
  /** Turns the in-place declutter on or off; answers the state now in force. */
  'declutter:set': { request: { enabled: boolean }; response: DeclutterState };
  'declutter:get': { request: Record<string, never>; response: DeclutterState };
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
  [N in keyof R]: (payload: R[N]['request']) => R[N]['response'] | Promise<R[N]['response']>;
};

/** Answers the requests named in `handlers`; errors travel back as messages, never as silence. */
export function answer<R extends Protocol<R>>(
  handlers: Handlers<R>,
): () => void {
  const listener = (message: unknown): Promise<Reply<unknown>> | undefined => {
    if (!isEnvelope(message) || !(message.lede in handlers)) return undefined;
    const handler = handlers[message.lede as keyof R] as (p: unknown) => unknown;
    return Promise.resolve()
      .then(() => handler(message.payload))
      .then(
        (value) => ({ ok: true as const, value }),
        (e: unknown) => ({ ok: false as const, error: e instanceof Error ? e.message : String(e) }),
      );
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
