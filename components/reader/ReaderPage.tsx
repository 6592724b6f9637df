// The offline reader page (reader.html?id=<saved id>): a saved article from the extension's storage, in the same
// reader view as over a live page. Offline means no network request at all: pictures show as their descriptions.
import { useEffect, useRef, useState } from 'preact/hooks';
import { storage } from 'wxt/utils/storage';
import { t } from '@/utils/i18n';
import { askBackground } from '@/utils/messages';
import { createSavedReader } from '@/utils/storage/saved-store';
import type { SavedArticle } from '@/utils/storage/schema';
import { getSettings, updateSettings } from '@/utils/storage/settings';
import { safeHref } from '../SavedList';
import { fromSaved } from './article';
import type { ReaderPrefs } from './prefs';
import { Reader } from './Reader';

type State =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'failed'; error: string }
  | { kind: 'ready'; saved: SavedArticle; prefs: ReaderPrefs; progress: number | null };

/** Read to here (a share of the scrollable length), an unread article counts as read. */
const READ_AT = 0.97;
/** Where the reader is, sent at most this often while scrolling (and once more as the page goes away). */
const KEEP_EVERY_MS = 1000;

export function ReaderPage({ id }: { id: string | null }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [read, setRead] = useState(false);
  const marking = useRef(false);
  // Where the reader got to, kept so the copy opens there next time: the latest position, sent now and then.
  const position = useRef<{ at: number | null; sent: number | null; timer: ReturnType<typeof setTimeout> | null }>({ at: null, sent: null, timer: null });
  const keepPosition = () => {
    const p = position.current;
    if (p.timer) clearTimeout(p.timer);
    p.timer = null;
    if (!id || p.at === null || (p.sent !== null && Math.abs(p.at - p.sent) < 0.005)) return;
    p.sent = p.at;
    askBackground('library:progress', { id, at: p.at }).catch((e) => console.warn('Lede: could not keep the reading position', e));
  };
  useEffect(() => {
    const leaving = () => document.visibilityState === 'hidden' && keepPosition();
    document.addEventListener('visibilitychange', leaving);
    addEventListener('pagehide', keepPosition);
    return () => {
      document.removeEventListener('visibilitychange', leaving);
      removeEventListener('pagehide', keepPosition);
    };
  }, [id]);
  useEffect(() => {
    if (!id) return setState({ kind: 'missing' });
    const library = createSavedReader(storage);
    Promise.all([library.get(id), getSettings(), library.progress(id)]).then(
      ([saved, prefs, progress]) => {
        position.current.sent = progress;
        setState(saved ? { kind: 'ready', saved, prefs, progress } : { kind: 'missing' });
        setRead(saved?.status === 'read' || saved?.status === 'archived');
      },
      (e) => setState({ kind: 'failed', error: e instanceof Error ? e.message : String(e) }),
    );
  }, [id]);
  useEffect(() => {
    if (state.kind === 'ready') document.title = `${state.saved.title} · Lede`;
  }, [state]);

  if (state.kind === 'loading') return <p class="reader-message" role="status">{t('readerOpening')}</p>;
  if (state.kind === 'missing') {
    return (
      <div class="reader-message" data-testid="reader-missing">
        <h1>{t('readerMissingHeading')}</h1>
        <p>{t('readerMissingText')}</p>
      </div>
    );
  }
  if (state.kind === 'failed') {
    return (
      <div class="reader-message" role="alert">
        <h1>{t('readerFailedHeading')}</h1>
        <p>{state.error}</p>
      </div>
    );
  }
  const { saved } = state;
  const article = fromSaved(saved);
  // Reading to the end marks an unread article read: the one write this page makes, through the background.
  const onProgress = (fraction: number) => {
    position.current.at = fraction;
    position.current.timer ??= setTimeout(keepPosition, KEEP_EVERY_MS);
    if (fraction < READ_AT || read || marking.current) return;
    marking.current = true;
    askBackground('library:update', { ids: [saved.id], change: { status: 'read' } }).then(
      () => setRead(true),
      (e) => {
        marking.current = false;
        console.warn('Lede: could not mark the article read', e);
      },
    );
  };
  const href = safeHref(saved.url);
  if (!article) {
    return (
      <div class="reader-message" data-testid="reader-link-only">
        <h1 dir="auto">{saved.title}</h1>
        <p>
          {t('readerLinkOnly')}{' '}
          {href && (
            <a href={href} target="_blank" rel="noopener noreferrer">
              {t('readerOpenOnWeb')}
            </a>
          )}
        </p>
      </div>
    );
  }
  return (
    <Reader
      article={article}
      prefs={state.prefs}
      onPrefs={(patch) => void updateSettings(patch).catch((e) => console.warn('Lede: could not store the setting', e))}
      images="placeholder"
      onProgress={onProgress}
      initialProgress={state.progress ?? undefined}
      notice={`${t('readerOfflineNotice')}${read ? ` ${t('readerMarkedRead')}` : ''}`}
    />
  );
}
