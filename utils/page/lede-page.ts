// Lede on one page: detect at once (cheap), and on an article it is sure of (detect-model.ts: SURE_THRESHOLD), after
// load, analyse in small tasks and declutter. The analysis is kept ready for the popup. An article Lede is less sure
// of is analysed when the reader asks (the popup, the reader view, the declutter command) and decluttered only at
// the reader's word.
import type { AnalyzeOptions, StoryText } from '../analysis/assemble';
import type { StoryBrief } from '../analysis/story-brief';
import { judgePage, type Verdict } from '../analysis/detect';
import { measurePage, type PageMeasures } from '../analysis/detect-measure';
import type { Analysis } from '../analysis/types';
import type { PageAnalyser } from './analyser';
import { loadAnalyser, loadStoryReader } from './analyser-loader';
import type { StoryReader } from './story-reader';
import type { Declutter } from './declutter';
import { noteElsewhere, settled, timed } from './perf';
import type { Sliced } from './slices';

/** What the reader's settings say for this page. */
export interface PageChoices extends Pick<AnalyzeOptions, 'summarySentences' | 'keyQuotes'> {
  /** Whether to declutter as soon as the article is analysed. */
  declutter: boolean;
  /** The reader told Lede to always declutter this site: that holds on an article Lede was unsure of, once analysed. */
  siteSaysDeclutter?: boolean;
}

export interface LedePageOptions {
  /** The reader's settings for the page, asked for only once it turns out to be an article: other pages read nothing. */
  choices: () => Promise<PageChoices>;
  /** The analysis code, loaded only on pages that need it (default loadAnalyser; tests pass the module itself). */
  analyser?: () => Promise<PageAnalyser>;
  /**
   * Reads the story's text somewhere else than on the page's main thread (the content script asks the background);
   * `ms` is what that took there. Without it, or when it fails, the text is read here.
   */
  readElsewhere?: (text: StoryText, options: AnalyzeOptions) => Promise<StoryBrief & { ms: number }>;
  /** The text reading code for the page itself, when nothing else reads it (default loadStoryReader). */
  storyReader?: () => Promise<StoryReader>;
}

/** Gives the page's own work a turn between Lede's steps, so none of them is one long task. */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Runs sliced work (slices.ts) as one task per slice, giving the page a turn between them, all as one step. */
async function inTasks<T>(step: string, work: Sliced<T>): Promise<T> {
  for (let slice = timed(step, () => work.next()); ; slice = timed(step, () => work.next())) {
    if (slice.done) return slice.value;
    await yieldToPage();
  }
}

function loaded(doc: Document): Promise<void> {
  if (doc.readyState === 'complete') return Promise.resolve();
  return new Promise((resolve) => doc.defaultView?.addEventListener('load', () => resolve(), { once: true }));
}

export class LedePage {
  /** Detection's verdict and what it read: the explanation is put together with the analysis, in its own file. */
  readonly verdict: Verdict;
  private analysis: Promise<Analysis> | null = null;
  private declutter: Declutter | null = null;
  private disposed = false;

  constructor(
    private readonly doc: Document,
    private readonly url: string,
    private readonly options: LedePageOptions,
    /** The page a single-page site showed before: it is put back as this one takes over (see retire()). */
    private predecessor: LedePage | null = null,
  ) {
    this.verdict = timed('detect', () => judgePage(doc, url));
    if (this.verdict.sure) this.analysis = this.analyse(false);
    else {
      settled();
      this.retire();
    }
  }

  get isArticle(): boolean {
    return this.verdict.isArticle;
  }

  private fullMeasures: PageMeasures | null = null;
  /** What detection read, in full: the explanation and a forced reading need the text the verdict may have skipped. */
  private measures(): PageMeasures {
    const { measures } = this.verdict;
    return measures.textRead ? measures : (this.fullMeasures ??= measurePage(this.doc, this.url));
  }

  /** Puts the page back as it was and stops: the site moved on to another page without a page load. */
  dispose(): void {
    this.disposed = true;
    this.declutter?.revert();
  }

  // In the same task as this page's declutter: what the old page hid does not flash up between the two.
  private retire(): void {
    this.predecessor?.dispose();
    this.predecessor = null;
  }

  /** The article's analysis; null on a page that has none yet (asking does not load the analysis code into it). */
  articleAnalysis(): Promise<Analysis> | null {
    return this.analysis;
  }

  /** The analysis; a page detection did not take for an article is analysed only when `force` asks for it. */
  getAnalysis(force = false): Promise<Analysis> {
    if (this.analysis) return this.analysis;
    if (!force && !this.verdict.isArticle) {
      return this.loadAnalyser().then((a) => timed('page-meta', () => a.pageWithoutStory(this.doc, this.url, a.decide(this.measures()))));
    }
    this.analysis = this.analyse(force);
    return this.analysis;
  }

  get decluttered(): { enabled: boolean; hidden: number } {
    return { enabled: this.declutter?.active ?? false, hidden: this.declutter?.count ?? 0 };
  }

  /** The declutter state once the analysis under way (which declutters) is done. */
  async declutterState(): Promise<{ enabled: boolean; hidden: number }> {
    await this.analysis?.catch(() => {});
    return this.decluttered;
  }

  async setDeclutter(enabled: boolean): Promise<{ enabled: boolean; hidden: number }> {
    // (an article not analysed yet, one Lede was unsure of, is read now: the reader asked for it to be tidied)
    if (this.analysis || (enabled && this.verdict.isArticle)) await this.getAnalysis();
    if (enabled) this.declutter?.apply();
    else this.declutter?.revert();
    return this.decluttered;
  }

  private loadAnalyser(): Promise<PageAnalyser> {
    return (this.options.analyser ?? loadAnalyser)();
  }

  /** Summary, quotes and counts: off the page's thread where the content script can send them away. */
  private async readStory(text: StoryText, options: AnalyzeOptions): Promise<StoryBrief> {
    if (this.options.readElsewhere) {
      try {
        const send = this.options.readElsewhere;
        // (what the page's thread pays is the copy of the text into the message)
        const { ms, ...brief } = await timed('story-send', () => send(text, options));
        noteElsewhere('summary+quotes', ms);
        return brief;
      } catch {
        // (the background cannot answer: an extension update left this page behind, say) read it here instead
      }
    }
    const reader = await (this.options.storyReader ?? loadStoryReader)();
    await yieldToPage();
    return timed('summary+quotes', () => reader.readStoryBrief(text, options));
  }

  private async analyse(force: boolean): Promise<Analysis> {
    await loaded(this.doc);
    const choices = await this.options.choices();
    const a = await this.loadAnalyser();
    await yieldToPage();
    // Readability reads the story's region of the page (and its head), else the whole page: about half the elements
    // of an article page, and the same story.
    const region = timed('region', () => a.storyRegion(this.doc, this.measures().cjk));
    let mapped = await inTasks('clone', a.cloneInSlices(this.doc, region));
    await yieldToPage();
    let extraction = timed('parse', () => a.extractArticle(mapped.clone, this.url, this.doc));
    await yieldToPage();
    if (!extraction && region) {
      mapped = await inTasks('clone', a.cloneInSlices(this.doc));
      await yieldToPage();
      extraction = timed('parse', () => a.extractArticle(mapped.clone, this.url));
      await yieldToPage();
    }
    const { declutter, siteSaysDeclutter, ...options } = choices;
    // A page Lede was unsure of changes at the reader's word only (the popup's switch, a rule for the site).
    const tidy = declutter && (this.verdict.sure || force || siteSaysDeclutter === true);
    let analysis: Analysis;
    if (extraction) {
      const text = a.storyText(extraction);
      const brief = await this.readStory(text, options);
      await yieldToPage();
      analysis = timed('assemble', () =>
        a.articleOf(this.url, a.decide(this.measures()), extraction, a.withStoryText(text.blocks, brief), force),
      );
    } else {
      analysis = timed('page-meta', () => a.pageWithoutStory(this.doc, this.url, a.decide(this.measures())));
    }
    if (extraction && analysis.isArticle) {
      await yieldToPage();
      // (the story map a slice at a time and declutter after it, each a task of its own: on a very long story each
      // is a long walk)
      const story = await inTasks('story-map', a.mapStoryInSlices(this.doc, extraction.content, mapped.liveOf, analysis));
      await yieldToPage();
      timed('declutter', () => {
        this.retire();
        if (story) {
          this.declutter = new a.Declutter(this.doc, story);
          if (tidy && !this.disposed) this.declutter.apply();
        }
      });
    }
    this.retire();
    settled();
    return analysis;
  }
}
