// The summary: sentences of the story as written, as many as the reader chose (short, medium, long: kept in the
// settings, so the companion re-summarises at once); and, where Chrome's built-in model is on this device, a
// summary it writes on demand, labelled as generated. The article's text goes to that model only, on the device.
import { useEffect, useState } from 'preact/hooks';
import type { Analysis } from '@/utils/analysis/types';
import { t } from '@/utils/i18n';
import { SUMMARY_SENTENCES, updateSettings, type SummaryLength } from '@/utils/storage/settings';
import { useSettings } from './settings-hooks';

const LENGTHS = [
  { value: 'short', label: 'summaryShort' },
  { value: 'medium', label: 'summaryMedium' },
  { value: 'long', label: 'summaryLong' },
] as const;

export function Summary({
  sentences,
  lang,
  article,
}: {
  sentences: string[];
  lang: string | null;
  /** The story, for the AI summary (offered only where the on-device model is available). */
  article?: Pick<Analysis, 'text' | 'title' | 'lang'>;
}) {
  const settings = useSettings();
  if (sentences.length === 0) return null;
  const length = settings?.summaryLength ?? 'medium';
  return (
    <section class="summary" aria-labelledby="summary-heading">
      <div style={{ display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', gap: '8px' }}>
        <h2 id="summary-heading">{t('summaryHeading')}</h2>
        <label style={{ fontSize: '.8rem', color: 'var(--muted)' }}>
          <span class="visually-hidden">{t('optionsSummaryLength')} </span>
          <select
            data-testid="summary-length"
            value={length}
            disabled={!settings}
            onChange={(e) => void updateSettings({ summaryLength: (e.currentTarget as HTMLSelectElement).value as SummaryLength })}
          >
            {LENGTHS.map((l) => (
              <option value={l.value}>
                {t(l.label, SUMMARY_SENTENCES[l.value])}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ul data-testid="summary" lang={lang ?? undefined} dir="auto">
        {sentences.map((s) => (
          <li data-testid="summary-sentence">{s}</li>
        ))}
      </ul>
      {article && <AiSummary article={article} length={length} />}
    </section>
  );
}

type AiState = { kind: 'idle' } | { kind: 'running' } | { kind: 'done'; text: string } | { kind: 'failed'; error: string };

function AiSummary({ article, length }: { article: Pick<Analysis, 'text' | 'title' | 'lang'>; length: SummaryLength }) {
  const [available, setAvailable] = useState(false);
  const [state, setState] = useState<AiState>({ kind: 'idle' });
  useEffect(() => {
    let live = true;
    setState({ kind: 'idle' });
    void aiSummaryAvailable(summarizerOf(), article.lang, length).then((ok) => live && setAvailable(ok));
    return () => {
      live = false;
    };
  }, [article.text, length]);
  if (!available) return null;
  const run = async () => {
    setState({ kind: 'running' });
    try {
      setState({ kind: 'done', text: await aiSummary(summarizerOf()!, article, length) });
    } catch (e) {
      setState({ kind: 'failed', error: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <div class="ai-summary">
      {state.kind !== 'done' && (
        <button type="button" class="link-button" data-testid="ai-summary" disabled={state.kind === 'running'} onClick={run}>
          {state.kind === 'running' ? t('aiSummaryRunning') : t('aiSummary')}
        </button>
      )}
      {state.kind === 'done' && (
        <div data-testid="ai-summary-result">
          <h2>{t('aiSummary')}</h2>
          <p data-testid="ai-summary-text" lang={article.lang ?? undefined} dir="auto" style={{ whiteSpace: 'pre-line', margin: '0 0 4px' }}>
            {state.text}
          </p>
          <p style={{ fontSize: '.78rem', color: 'var(--muted)', margin: 0 }}>
            {t('aiSummaryNote')}
          </p>
        </div>
      )}
      {state.kind === 'failed' && (
        <p class="error" role="alert">
          {t('aiSummaryFailed')}: {state.error}
        </p>
      )}
    </div>
  );
}

/** Chrome's built-in Summarizer API, as far as Lede uses it. */
export interface SummarizerLike {
  availability(options?: object): Promise<string>;
  create(options?: object): Promise<{
    summarize(text: string, options?: { context?: string }): Promise<string>;
    destroy(): void;
    inputQuota?: number;
    measureInputUsage?(text: string): Promise<number>;
  }>;
}

export function summarizerOf(scope: object = globalThis): SummarizerLike | null {
  const s = (scope as { Summarizer?: SummarizerLike }).Summarizer;
  return s && typeof s.availability === 'function' && typeof s.create === 'function' ? s : null;
}

// The model summarises and writes in a few languages only; availability() says whether this one is among them.
function options(lang: string | null, length: SummaryLength) {
  const language = (lang ?? 'en').toLowerCase().split('-')[0];
  return { type: 'tldr', format: 'plain-text', length, expectedInputLanguages: [language], outputLanguage: language };
}

/** Whether the on-device model can summarise this article now: 'available' only (never a download). */
export async function aiSummaryAvailable(summarizer: SummarizerLike | null, lang: string | null, length: SummaryLength): Promise<boolean> {
  if (!summarizer) return false;
  try {
    return (await summarizer.availability(options(lang, length))) === 'available';
  } catch {
    return false;
  }
}

/** The model's summary of the article; a story longer than the model takes is cut at a paragraph. */
export async function aiSummary(
  summarizer: SummarizerLike,
  article: Pick<Analysis, 'text' | 'title' | 'lang'>,
  length: SummaryLength,
): Promise<string> {
  const model = await summarizer.create({ ...options(article.lang, length), sharedContext: 'A news article.' });
  try {
    let paragraphs = article.text.split(/\n{2,}/).filter((p) => p.trim());
    const input = () => paragraphs.join('\n\n');
    if (model.inputQuota && model.measureInputUsage) {
      while (paragraphs.length > 1 && (await model.measureInputUsage(input())) > model.inputQuota) {
        paragraphs = paragraphs.slice(0, Math.ceil(paragraphs.length / 2));
      }
    }
    const context = article.title ? `The article's headline: ${article.title}` : undefined;
    for (;;) {
      try {
        return (await model.summarize(input(), { context })).trim();
      } catch (e) {
        const tooLong = (e as { name?: string })?.name === 'QuotaExceededError';
        if (!tooLong || paragraphs.length <= 1) throw e;
        paragraphs = paragraphs.slice(0, Math.ceil(paragraphs.length / 2));
      }
    }
  } finally {
    model.destroy();
  }
}
