// The companion: what Lede says about the page in a tab. The toolbar popup shows it for the tab it was opened
// on; the side panel (Chrome) / sidebar (Firefox) shows it beside the page and follows the active tab.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { storage } from 'wxt/utils/storage';
import { summaryOf, withKeyQuotes } from '@/utils/analysis/picks';
import type { Analysis, Quote } from '@/utils/analysis/types';
import { canOpenSidePanel, openSidePanel } from '@/utils/browser/side-panel';
import { followActiveTab, targetTab, type TargetTab } from '@/utils/browser/target-tab';
import { t } from '@/utils/i18n';
import { askBackground, askTab, type DeclutterState, type ReaderState } from '@/utils/messages';
import { createSavedReader, INDEX_KEY } from '@/utils/storage/saved-store';
import { articleId, type SavedEntry } from '@/utils/storage/schema';
import {
  shouldDeclutter,
  siteKey,
  SUMMARY_SENTENCES,
  updateSettings,
  type Settings,
  type SiteRule,
} from '@/utils/storage/settings';
import { ArticleHeader } from './ArticleHeader';
import { QuoteList } from './QuoteList';
import { ReaderToggle } from './reader/ReaderToggle';
import { SavedList } from './SavedList';
import { useSettings, useTheme } from './settings-hooks';
import { Summary } from './Summary';
import { Why } from './Why';

type PageState =
  | { kind: 'loading' }
  | { kind: 'ready'; analysis: Analysis }
  /** The content script is not there: a browser page, the store, or a tab opened before Lede was installed. */
  | { kind: 'unreachable' };

export type CompanionMode = 'popup' | 'panel';

const library = createSavedReader(storage);
/** Saved articles listed under the companion; the library page has them all. */
const RECENT = 30;

/** Summary length and key quotes as the reader set them now (the page was analysed with the settings of its load). */
export function tailored(a: Analysis, s: Settings): Analysis {
  if (!a.isArticle) return a;
  return { ...a, summary: summaryOf(a.summaryPicks, SUMMARY_SENTENCES[s.summaryLength]), quotes: withKeyQuotes(a.quotes, s.keyQuotes) };
}

/** Enter on the page itself (not on a control, which Enter already works) saves: the popup's main action. */
function isOnControl(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('a, button, input, select, textarea, summary, [tabindex]') !== null;
}

export function Companion({ mode }: { mode: CompanionMode }) {
  const [tab, setTab] = useState<TargetTab | null>(null);
  const [page, setPage] = useState<PageState>({ kind: 'loading' });
  const [declutter, setDeclutter] = useState<DeclutterState | null>(null);
  const [reader, setReader] = useState<ReaderState | null>(null);
  const [entries, setEntries] = useState<SavedEntry[]>([]);
  // Whether the page in the tab is saved: one id bucket read for that one article, not every saved id.
  const [savedState, setSavedState] = useState<{ id: string; saved: boolean } | null>(null);
  const savedIdNow = useRef<string | null>(null);
  const savedReads = useRef(0);
  const [savedTotal, setSavedTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const settings = useSettings();
  useTheme(settings);
  // Answers for a tab the panel has left since asking are dropped.
  const asked = useRef(0);

  // Reads finish out of order: only the latest may set the state (see readSaved below).
  const checkSaved = (id: string) => {
    const read = ++savedReads.current;
    return library.isSaved(id).then(
      (isSaved) => read === savedReads.current && savedIdNow.current === id && setSavedState({ id, saved: isSaved }),
      (e) => console.warn('Lede: saved state not read', e),
    );
  };

  const load = async (t0: TargetTab | null, force = false) => {
    const ask = ++asked.current;
    const current = () => ask === asked.current;
    setTab(t0);
    setError(null);
    if (!t0) return setPage({ kind: 'unreachable' });
    if (!force) {
      setPage({ kind: 'loading' });
      setDeclutter(null);
      setReader(null);
    }
    try {
      const view = await askTab(t0.id, 'companion:get', { force });
      if (!current()) return;
      setPage({ kind: 'ready', analysis: view.analysis });
      setDeclutter(view.declutter);
      setReader(view.reader);
    } catch (e) {
      if (!current()) return;
      console.warn('Lede: no answer from the page', e);
      setPage({ kind: 'unreachable' });
    }
  };

  // The page is asked as soon as the first render (the skeleton) is committed: a plain effect would wait for
  // Preact's after-paint, a frame later, and the answer is what the reader clicked the button for.
  useLayoutEffect(() => {
    // Changes come in bursts and reads finish out of order: only the latest read may set the list, or a read
    // begun before an unsave could land after the one begun after it and show the article saved again.
    let reads = 0;
    const readSaved = () => {
      const read = ++reads;
      return library.index().then(
        async (index) => {
          const recent = await library.recent(RECENT, index);
          if (read !== reads) return;
          setEntries(recent);
          setSavedTotal(index.count);
        },
        (e) => console.warn('Lede: saved articles not read', e),
      );
    };
    void readSaved();
    // Any save, unsave or import changes the index: read the list, and whether this page is saved, again.
    const unwatch = storage.watch(INDEX_KEY, () => {
      void readSaved();
      if (savedIdNow.current) void checkSaved(savedIdNow.current);
    });
    if (mode === 'popup') {
      void targetTab().then((t0) => load(t0));
      return unwatch;
    }
    const unfollow = followActiveTab((t0, reason) => {
      if (reason === 'loading') {
        asked.current++;
        setPage({ kind: 'loading' });
        setDeclutter(null);
        setReader(null);
      } else void load(t0);
    });
    return () => {
      unwatch();
      unfollow();
    };
  }, []);

  const raw = page.kind === 'ready' ? page.analysis : null;
  const analysis = useMemo(() => (raw && settings ? tailored(raw, settings) : raw), [raw, settings?.summaryLength, settings?.keyQuotes]);
  // A page Lede cannot read can still be saved as a link, if it is a web page.
  const webUrl = analysis?.url ?? (tab?.url && /^https?:/.test(tab.url) ? tab.url : null);
  const savedId = webUrl ? articleId(webUrl) : null;
  savedIdNow.current = savedId;
  useEffect(() => {
    if (savedId) void checkSaved(savedId);
  }, [savedId]);
  const saved = savedId !== null && savedState?.id === savedId && savedState.saved;
  const isArticle = analysis?.isArticle === true;
  const site = isArticle && webUrl ? siteKey(webUrl) : null;

  const run = async (action: () => Promise<unknown>, failure: string) => {
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(`${failure}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const toggleSave = () =>
    run(async () => {
      const id = savedId!;
      if (saved) await askBackground('saved:remove', { id });
      else if (analysis) await askBackground('saved:save', { analysis });
      else await askBackground('saved:save-link', { url: webUrl!, title: tab?.title ?? webUrl! });
      // The background answers once the change is stored: the button says so without reading it back, and a
      // read begun before the change no longer counts.
      savedReads.current++;
      if (savedIdNow.current === id) setSavedState({ id, saved: !saved });
    }, saved ? t('errorCouldNotRemove') : t('errorCouldNotSave'));
  const toggleDeclutter = () =>
    tab &&
    declutter &&
    run(async () => setDeclutter(await askTab(tab.id, 'declutter:set', { enabled: !declutter.enabled })), t('errorCouldNotChangePage'));
  const setSiteRule = (rule: SiteRule | '') =>
    tab &&
    settings &&
    site &&
    run(async () => {
      const siteRules = { ...settings.siteRules };
      if (rule) siteRules[site] = rule;
      else delete siteRules[site];
      const next = await updateSettings({ siteRules });
      // The page follows the settings by itself too; asking here shows the new state in the button at once.
      setDeclutter(await askTab(tab.id, 'declutter:set', { enabled: shouldDeclutter(next, webUrl!) }));
    }, t('errorCouldNotChangePage'));
  // Quotes keep the page's order whatever the settings mark as key, so the index is the page's own.
  const showQuote = (q: Quote) =>
    tab &&
    analysis &&
    run(async () => {
      const { found } = await askTab(tab.id, 'quote:show', { index: analysis.quotes.indexOf(q) });
      if (!found) throw new Error(t('errorQuoteNotOnPage'));
    }, t('errorCouldNotShowQuote'));

  useEffect(() => {
    if (mode !== 'popup') return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || e.repeat || e.defaultPrevented || isOnControl(e.target) || !webUrl) return;
      e.preventDefault();
      void toggleSave();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  return (
    <main class={`companion ${mode}`} aria-busy={page.kind === 'loading'}>
      {page.kind === 'loading' && <Skeleton />}

      {page.kind === 'ready' && isArticle && analysis && (
        <article>
          <ArticleHeader analysis={analysis} />
          <Summary sentences={analysis.summary} lang={analysis.lang} article={analysis} />
          <QuoteList quotes={analysis.quotes} lang={analysis.lang} onShow={showQuote} />
        </article>
      )}

      {page.kind === 'ready' && !isArticle && (
        <section class="not-article" data-testid="not-article">
          <h1>{t('notArticleHeading')}</h1>
          <p>{t('notArticleText')}</p>
          <button type="button" class="link-button" onClick={() => load(tab, true)}>
            {t('readAnyway')}
          </button>
        </section>
      )}

      {page.kind === 'unreachable' && (
        <section class="not-article" data-testid="not-article">
          <h1>{t('unreachableHeading')}</h1>
          <p>
            {t('unreachableText')}
            {webUrl ? ` ${t('unreachableCanSaveLink')}` : ''}
          </p>
        </section>
      )}

      {webUrl && page.kind !== 'loading' && (
        <div class="actions">
          <button type="button" class="primary" data-testid="save" aria-pressed={saved} onClick={toggleSave}>
            {saved ? t('savedButton') : isArticle ? t('saveButton') : t('saveLinkButton')}
          </button>
          {declutter && isArticle && (
            <button type="button" data-testid="declutter-toggle" aria-pressed={declutter.enabled} onClick={toggleDeclutter}>
              {declutter.enabled ? t('showOriginal') : t('declutterPage')}
            </button>
          )}
          {isArticle && tab && <ReaderToggle tabId={tab.id} mode={mode} known={reader} onError={setError} />}
          {mode === 'popup' && canOpenSidePanel() && (
            <button
              type="button"
              data-testid="open-side-panel"
              onClick={() => {
                // Straight from the click: both browsers open a panel only in answer to one.
                void openSidePanel(tab?.windowId ?? null).then(
                  () => window.close(),
                  (e) => setError(`${t('errorCouldNotOpenPanel')}: ${e instanceof Error ? e.message : String(e)}`),
                );
              }}
            >
              {t('openSidePanel')}
            </button>
          )}
        </div>
      )}
      {site && settings && declutter && (
        <SiteRuleControl site={site} rule={settings.siteRules[site] ?? ''} autoDeclutter={settings.autoDeclutter} onChange={setSiteRule} />
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {page.kind === 'ready' && <Why detection={page.analysis.detection} />}

      <SavedList entries={entries} total={savedTotal} onRemove={(id) => run(() => askBackground('saved:remove', { id }), t('errorCouldNotRemove'))} />
    </main>
  );
}

/** "Declutter on this site": as the general setting says, always, or never. */
function SiteRuleControl(props: {
  site: string;
  rule: SiteRule | '';
  autoDeclutter: boolean;
  onChange(rule: SiteRule | ''): void;
}) {
  return (
    <p class="site-rule">
      <label>
        <span>{t('siteRuleLabel', props.site)}</span>
        <select
          data-testid="site-rule"
          value={props.rule}
          onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value as SiteRule | '')}
        >
          <option value="">{props.autoDeclutter ? t('siteRuleDefaultOn') : t('siteRuleDefaultOff')}</option>
          <option value="always">{t('siteRuleAlways')}</option>
          <option value="never">{t('siteRuleNever')}</option>
        </select>
      </label>
    </p>
  );
}

/** Holds the place of headline, summary and quotes while the page is read, so nothing jumps when they arrive. */
function Skeleton() {
  return (
    <div class="skeleton" data-testid="loading">
      <p class="visually-hidden" role="status">
        {t('readingPage')}
      </p>
      <div aria-hidden="true">
        <span class="bone kicker-bone" />
        <span class="bone title-bone" />
        <span class="bone title-bone short" />
        <span class="bone line-bone short" />
        <span class="bone heading-bone" />
        <span class="bone line-bone" />
        <span class="bone line-bone" />
        <span class="bone line-bone" />
        <span class="bone line-bone short" />
        <span class="bone heading-bone" />
        <span class="bone quote-bone" />
        <span class="bone quote-bone" />
      </div>
    </div>
  );
}
