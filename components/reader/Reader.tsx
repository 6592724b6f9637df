// The reader view: the story alone, set for long reading, with Lede's summary and key quotes at the top. One
// component for the view over a live page (utils/page/reader-overlay.ts) and the offline reader page.
import type { RefObject } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { formatDate, formatMinutes, hostname } from '@/components/format';
import { t } from '@/utils/i18n';
import { findQuoteRanges, showRanges } from '@/utils/page/quote-highlight';
import type { ReaderArticle } from './article';
import { articleHtml, type ImagePolicy } from './article-html';
import { FONT_SIZES, LINE_WIDTHS, stepFrom, THEMES, type ReaderPrefs } from './prefs';

/** What the reader's host can ask of it (the popup's quote clicks reach the view through it). */
export interface ReaderControl {
  showQuote(index: number): boolean;
}

export interface ReaderProps {
  article: ReaderArticle;
  prefs: ReaderPrefs;
  /** The reader changed a setting; the host stores it. */
  onPrefs(patch: Partial<ReaderPrefs>): void;
  images: ImagePolicy;
  /** The view over a page has a way back to it; the offline page has none. */
  onClose?(): void;
  /** Where the reader left off last time (0 to 1). */
  initialProgress?: number;
  onProgress?(fraction: number): void;
  control?: RefObject<ReaderControl | null>;
  /** A line under the toolbar (the offline page says it is a saved copy). */
  notice?: string;
}

export function Reader(props: ReaderProps) {
  const { article, images } = props;
  const [prefs, setPrefs] = useState(props.prefs);
  const bar = useRef<HTMLDivElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const html = useMemo(
    () => articleHtml(article.contentHtml, { baseUrl: article.url, images, title: article.title, lang: article.lang }),
    [article, images],
  );
  const keyQuotes = article.quotes.map((q, index) => ({ q, index })).filter(({ q }) => q.key);

  const change = (patch: Partial<ReaderPrefs>) => {
    setPrefs((p) => ({ ...p, ...patch }));
    props.onPrefs(patch);
  };

  const showQuote = (index: number): boolean => {
    const quote = article.quotes[index];
    if (!quote || !body.current) return false;
    const ranges = findQuoteRanges(body.current, quote.text, null);
    showRanges(ranges, null);
    return ranges.length > 0;
  };
  if (props.control) props.control.current = { showQuote };

  // Keyboard scrolling works at once: focus starts in the scrolling column.
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    // (at once: the column scrolls smoothly, and a reader coming back should not watch the story roll past)
    if (props.initialProgress) el.scrollTo({ top: props.initialProgress * (el.scrollHeight - el.clientHeight), behavior: 'instant' });
    el.focus({ preventScroll: true });
  }, []);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const room = el.scrollHeight - el.clientHeight;
    const fraction = room > 0 ? Math.min(1, el.scrollTop / room) : 1;
    if (bar.current) bar.current.style.transform = `scaleX(${fraction})`;
    props.onProgress?.(fraction);
  };

  const date = formatDate(article.publishedTime);
  const site = article.siteName ?? hostname(article.url);
  const original = /^https?:/i.test(article.url) ? article.url : undefined;
  return (
    <div
      class="lede-reader"
      data-testid="reader"
      data-theme={prefs.theme}
      style={{ '--lr-size': `${prefs.readerFontSize}px`, '--lr-width': String(prefs.readerLineWidth) }}
      ref={scroller}
      tabIndex={-1}
      onScroll={onScroll}
      role="dialog"
      aria-modal={props.onClose ? 'true' : undefined}
      aria-label={t('readerViewLabel', article.title ?? site)}
    >
      <div class="lr-toolbar" role="toolbar" aria-label={t('readerOpen')}>
        {props.onClose ? (
          <button type="button" class="lr-close" data-testid="reader-close" onClick={props.onClose} title={t('readerBackTitle')}>
            <span aria-hidden="true">←</span> {t('readerBack')}
          </button>
        ) : (
          original && (
            <a class="lr-close" href={original} target="_blank" rel="noopener noreferrer" data-testid="reader-original">
              {t('readerOpenOriginal')} <span aria-hidden="true">↗</span>
            </a>
          )
        )}
        <div class="lr-controls">
          <div class="lr-group" role="group" aria-label={t('readerTextSize')}>
            <button
              type="button"
              data-testid="reader-font-smaller"
              aria-label={t('readerSmaller')}
              disabled={prefs.readerFontSize <= FONT_SIZES[0]}
              onClick={() => change({ readerFontSize: stepFrom(FONT_SIZES, prefs.readerFontSize, -1) })}
            >
              <span class="lr-a-small" aria-hidden="true">A</span>
            </button>
            <button
              type="button"
              data-testid="reader-font-larger"
              aria-label={t('readerLarger')}
              disabled={prefs.readerFontSize >= FONT_SIZES[FONT_SIZES.length - 1]}
              onClick={() => change({ readerFontSize: stepFrom(FONT_SIZES, prefs.readerFontSize, 1) })}
            >
              <span class="lr-a-large" aria-hidden="true">A</span>
            </button>
          </div>
          <div class="lr-group" role="group" aria-label={t('readerLineWidth')}>
            <button
              type="button"
              data-testid="reader-narrower"
              aria-label={t('readerNarrower')}
              disabled={prefs.readerLineWidth <= LINE_WIDTHS[0]}
              onClick={() => change({ readerLineWidth: stepFrom(LINE_WIDTHS, prefs.readerLineWidth, -1) })}
            >
              <span aria-hidden="true">→←</span>
            </button>
            <button
              type="button"
              data-testid="reader-wider"
              aria-label={t('readerWider')}
              disabled={prefs.readerLineWidth >= LINE_WIDTHS[LINE_WIDTHS.length - 1]}
              onClick={() => change({ readerLineWidth: stepFrom(LINE_WIDTHS, prefs.readerLineWidth, 1) })}
            >
              <span aria-hidden="true">←→</span>
            </button>
          </div>
          <div class="lr-group lr-themes" role="radiogroup" aria-label={t('readerColours')} data-testid="reader-theme">
            {THEMES.map((option) => (
              <button
                type="button"
                role="radio"
                aria-checked={prefs.theme === option.value}
                value={option.value}
                class={`lr-theme lr-theme-${option.value}`}
                onClick={() => change({ theme: option.value })}
              >
                {t(option.label)}
              </button>
            ))}
          </div>
        </div>
        <div class="lr-progress" aria-hidden="true" ref={bar} />
      </div>
      {props.notice && (
        <p class="lr-notice" data-testid="reader-notice">
          {props.notice}
        </p>
      )}

      <article class="lr-page" lang={article.lang ?? undefined} dir={article.dir === 'rtl' || article.dir === 'ltr' ? article.dir : 'auto'}>
        <header class="lr-header">
          <p class="lr-kicker">
            <span data-testid="reader-site">{site}</span>
            {article.readingMinutes > 0 && <span data-testid="reader-reading-time">{formatMinutes(article.readingMinutes)}</span>}
          </p>
          <h1 data-testid="reader-title">{article.title ?? site}</h1>
          {(article.byline || date) && (
            <p class="lr-byline">
              {article.byline && <span data-testid="reader-byline">{article.byline}</span>}
              {date && (
                <time data-testid="reader-date" dateTime={article.publishedTime ?? undefined}>
                  {date}
                </time>
              )}
            </p>
          )}
        </header>

        {(article.summary.length > 0 || keyQuotes.length > 0) && (
          <aside class="lr-digest" aria-label={t('readerDigest')}>
            {article.summary.length > 0 && (
              <section>
                <h2>{t('summaryHeading')}</h2>
                <ul>
                  {article.summary.map((s) => (
                    <li data-testid="reader-summary-sentence">{s}</li>
                  ))}
                </ul>
              </section>
            )}
            {keyQuotes.length > 0 && (
              <section>
                <h2>{t('keyQuotesHeading')}</h2>
                {keyQuotes.map(({ q, index }) => (
                  <button type="button" class="lr-quote" data-testid="reader-quote" onClick={() => showQuote(index)} title={t('readerShowQuoteTitle')}>
                    <span class="lr-quote-text">{q.text}</span>
                    <span class="lr-quote-speaker">
                      {q.speaker ? `${q.speaker}${q.role ? `, ${q.role}` : ''}` : t('speakerUnknown')}
                    </span>
                  </button>
                ))}
              </section>
            )}
          </aside>
        )}

        <div class="lr-body" data-testid="reader-body" ref={body} dangerouslySetInnerHTML={{ __html: html }} />

        {original && (
          <footer class="lr-footer">
            <a href={original} target="_blank" rel="noopener noreferrer">
              {t('readerReadOn', site)} <span aria-hidden="true">↗</span>
            </a>
          </footer>
        )}
      </article>
    </div>
  );
}
