// The "AI summary" button is offered only where Chrome's built-in Summarizer says 'available' for the article's
// language (never a model download, never in Firefox, which has no Summarizer); the text goes to that on-device
// model only, cut at a paragraph when it is longer than the model takes. Chromium here has no model: a fake stands in.
import { describe, expect, it, vi } from 'vitest';
import { aiSummary, aiSummaryAvailable, summarizerOf, type SummarizerLike } from '../../components/Summary';

const ARTICLE = {
  title: 'Harbour tunnel reopens after fourteen-month repair',
  lang: 'en',
  text: 'First paragraph of the story.\n\nSecond paragraph.\n\nThird paragraph.\n\nFourth paragraph.',
};

function fakeSummarizer(availability: string | Error, options: { quota?: number; failLongerThan?: number } = {}) {
  const calls = { availability: [] as object[], create: [] as object[], summarize: [] as [string, object | undefined][], destroyed: 0 };
  const summarizer: SummarizerLike = {
    availability: vi.fn(async (o?: object) => {
      calls.availability.push(o ?? {});
      if (availability instanceof Error) throw availability;
      return availability;
    }),
    create: vi.fn(async (o?: object) => {
      calls.create.push(o ?? {});
      return {
        inputQuota: options.quota,
        measureInputUsage: options.quota ? async (text: string) => text.length : undefined,
        summarize: async (text: string, o?: { context?: string }) => {
          calls.summarize.push([text, o]);
          if (options.failLongerThan && text.length > options.failLongerThan) {
            throw Object.assign(new Error('The input is too large.'), { name: 'QuotaExceededError' });
          }
          return '  A generated summary.  ';
        },
        destroy: () => calls.destroyed++,
      };
    }),
  };
  return { summarizer, calls };
}

describe('AI summary availability', () => {
  it('finds no Summarizer where the browser has none (Firefox, older Chrome)', async () => {
    expect(summarizerOf({})).toBeNull();
    expect(summarizerOf({ Summarizer: { availability: 'not a function' } })).toBeNull();
    expect(await aiSummaryAvailable(null, 'en', 'medium')).toBe(false);
  });

  it('offers it only when the on-device model is available now', async () => {
    for (const [state, offered] of [
      ['available', true],
      ['downloadable', false],
      ['downloading', false],
      ['unavailable', false],
    ] as const) {
      const { summarizer } = fakeSummarizer(state);
      expect(summarizerOf({ Summarizer: summarizer })).toBe(summarizer);
      expect(await aiSummaryAvailable(summarizer, 'en', 'medium'), state).toBe(offered);
    }
    expect(await aiSummaryAvailable(fakeSummarizer(new Error('blocked by policy')).summarizer, 'en', 'short')).toBe(false);
  });

  it('asks about the article’s own language and the chosen length', async () => {
    const { summarizer, calls } = fakeSummarizer('available');
    await aiSummaryAvailable(summarizer, 'ja-JP', 'long');
    await aiSummaryAvailable(summarizer, null, 'short');
    expect(calls.availability).toEqual([
      { type: 'tldr', format: 'plain-text', length: 'long', expectedInputLanguages: ['ja'], outputLanguage: 'ja' },
      { type: 'tldr', format: 'plain-text', length: 'short', expectedInputLanguages: ['en'], outputLanguage: 'en' },
    ]);
  });
});

describe('AI summary', () => {
  it('summarises the story with its headline as context, then lets the model go', async () => {
    const { summarizer, calls } = fakeSummarizer('available');
    expect(await aiSummary(summarizer, ARTICLE, 'medium')).toBe('A generated summary.');
    expect(calls.create[0]).toMatchObject({ type: 'tldr', length: 'medium', outputLanguage: 'en' });
    expect(calls.summarize).toEqual([[ARTICLE.text, { context: `The article's headline: ${ARTICLE.title}` }]]);
    expect(calls.destroyed).toBe(1);
  });

  it('cuts a story longer than the model takes at a paragraph, whichever way the model says so', async () => {
    const measured = fakeSummarizer('available', { quota: 40 });
    await aiSummary(measured.summarizer, ARTICLE, 'short');
    expect(measured.calls.summarize[0][0]).toBe('First paragraph of the story.');

    const refused = fakeSummarizer('available', { failLongerThan: 50 });
    await aiSummary(refused.summarizer, ARTICLE, 'short');
    expect(refused.calls.summarize.map(([text]) => text.split('\n\n').length)).toEqual([4, 2]);
    expect(refused.calls.destroyed).toBe(1);
  });

  it('reports a failure of the model, and still lets it go', async () => {
    const { summarizer, calls } = fakeSummarizer('available');
    (summarizer.create as ReturnType<typeof vi.fn>).mockResolvedValueOnce({
      summarize: async () => Promise.reject(new Error('The model crashed')),
      destroy: () => calls.destroyed++,
    });
    await expect(aiSummary(summarizer, ARTICLE, 'long')).rejects.toThrow('The model crashed');
    expect(calls.destroyed).toBe(1);
  });
});
