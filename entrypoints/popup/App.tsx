import { useEffect, useState } from 'preact/hooks';
import { storage } from 'wxt/utils/storage';
import { ArticleHeader } from '@/components/ArticleHeader';
import { QuoteList } from '@/components/QuoteList';
import { SavedList } from '@/components/SavedList';
import { Summary } from '@/components/Summary';
import { Why } from '@/components/Why';
import type { Analysis } from '@/utils/analysis/types';
import { askBackground, askTab, type DeclutterState } from '@/utils/messages';
import { createSavedStore, INDEX_KEY } from '@/utils/storage/saved-store';
import { articleId, type SavedEntry } from '@/utils/storage/schema';
import { targetTab, type TargetTab } from './target-tab';

type PageState =
  | { kind: 'loading' }
  | { kind: 'ready'; analysis: Analysis }
  /** The content script is not there: a browser page, the store, or a tab opened before Lede was installed. */
  | { kind: 'unreachable' };

const store = createSavedStore(storage);

export function App() {
  const [tab, setTab] = useState<TargetTab | null>(null);
  const [page, setPage] = useState<PageState>({ kind: 'loading' });
  const [declutter, setDeclutter] = useState<DeclutterState | null>(null);
  const [entries, setEntries] = useState<SavedEntry[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = async (force = false) => {
    const t = await targetTab();
    setTab(t);
    if (!t) return setPage({ kind: 'unreachable' });
    try {
      setPage({ kind: 'ready', analysis: await askTab(t.id, 'analysis:get', { force }) });
      setDeclutter(await askTab(t.id, 'declutter:get', {}));
    } catch (e) {
      console.warn('Lede: no answer from the page', e);
      setPage({ kind: 'unreachable' });
    }
  };

  useEffect(() => {
    void load();
    void store.list().then(setEntries);
    return storage.watch<SavedEntry[]>(INDEX_KEY, (next) => setEntries(next ?? []));
  }, []);

  const analysis = page.kind === 'ready' ? page.analysis : null;
  // A page Lede cannot read can still be saved as a link, if it is a web page.
  const webUrl = analysis?.url ?? (tab?.url && /^https?:/.test(tab.url) ? tab.url : null);
  const savedId = webUrl ? articleId(webUrl) : null;
  const saved = savedId !== null && entries.some((e) => e.id === savedId);

  const run = async (action: () => Promise<unknown>, failure: string) => {
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(`${failure}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const toggleSave = () =>
    run(
      () =>
        saved
          ? askBackground('saved:remove', { id: savedId! })
          : analysis
            ? askBackground('saved:save', { analysis })
            : askBackground('saved:save-link', { url: webUrl!, title: tab?.title ?? webUrl! }),
      saved ? 'Could not remove it' : 'Could not save it',
    );
  const toggleDeclutter = () =>
    tab &&
    declutter &&
    run(async () => setDeclutter(await askTab(tab.id, 'declutter:set', { enabled: !declutter.enabled })), 'Could not change the page');

  return (
    <main class="popup" aria-busy={page.kind === 'loading'}>
      {page.kind === 'loading' && <p class="status" role="status">Reading the page…</p>}

      {page.kind === 'ready' && page.analysis.isArticle && (
        <article>
          <ArticleHeader analysis={page.analysis} />
          <Summary sentences={page.analysis.summary} lang={page.analysis.lang} />
          <QuoteList quotes={page.analysis.quotes.filter((q) => q.key)} lang={page.analysis.lang} />
        </article>
      )}

      {page.kind === 'ready' && !page.analysis.isArticle && (
        <section class="not-article" data-testid="not-article">
          <h1>This page doesn’t look like an article</h1>
          <p>Lede leaves it as it is. You can still save the link, or ask Lede to read it anyway.</p>
          <button type="button" class="link-button" onClick={() => load(true)}>
            Read it as an article anyway
          </button>
        </section>
      )}

      {page.kind === 'unreachable' && (
        <section class="not-article" data-testid="not-article">
          <h1>Lede can’t read this page</h1>
          <p>
            Browser pages and extension stores are off limits, and a tab opened before Lede was installed needs a
            reload.{webUrl ? ' You can still save the link.' : ''}
          </p>
        </section>
      )}

      {webUrl && page.kind !== 'loading' && (
        <div class="actions">
          <button type="button" class="primary" data-testid="save" aria-pressed={saved} onClick={toggleSave}>
            {saved ? 'Saved ✓' : analysis?.isArticle ? 'Save' : 'Save link'}
          </button>
          {declutter && page.kind === 'ready' && page.analysis.isArticle && (
            <button type="button" data-testid="declutter-toggle" aria-pressed={declutter.enabled} onClick={toggleDeclutter}>
              {declutter.enabled ? 'Show original page' : 'Declutter page'}
            </button>
          )}
        </div>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {page.kind === 'ready' && <Why detection={page.analysis.detection} />}

      <SavedList entries={entries} onRemove={(id) => run(() => askBackground('saved:remove', { id }), 'Could not remove it')} />
    </main>
  );
}
