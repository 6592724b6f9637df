// The story's quotations with who said them: the key ones first, all of them on demand. With `onShow`, a click on
// a quote takes the reader to it in the page (scrolled into view and highlighted).
import { useState } from 'preact/hooks';
import type { Quote } from '@/utils/analysis/types';
import { t } from '@/utils/i18n';

export function QuoteList({ quotes, lang, onShow }: { quotes: Quote[]; lang: string | null; onShow?: (q: Quote) => void }) {
  const [all, setAll] = useState(false);
  if (quotes.length === 0) return null;
  const key = quotes.filter((q) => q.key);
  const shown = all || key.length === 0 ? quotes : key;
  return (
    <section class="quotes" aria-labelledby="quotes-heading">
      <h2 id="quotes-heading">{shown === key ? t('keyQuotesHeading') : t('quotesHeadingAll', quotes.length)}</h2>
      {shown.map((q) => (
        <figure
          class={onShow ? 'quote showable' : 'quote'}
          data-testid="quote"
          title={onShow ? t('showQuoteTitle') : undefined}
          // Selecting words of a quote is not a request to jump to it.
          onClick={onShow && (() => window.getSelection()?.isCollapsed !== false && onShow(q))}
        >
          <blockquote data-testid="quote-text" lang={lang ?? undefined} dir="auto">
            {q.text}
          </blockquote>
          <figcaption>
            {q.speaker ? (
              <>
                <span data-testid="quote-speaker">{q.speaker}</span>
                {q.role && <span class="role">, {q.role}</span>}
              </>
            ) : (
              <span class="unknown-speaker">{t('speakerUnknown')}</span>
            )}
            {onShow && (
              <button type="button" class="show-quote" data-testid="quote-show">
                {t('showQuote')}
              </button>
            )}
          </figcaption>
        </figure>
      ))}
      {key.length > 0 && quotes.length > key.length && (
        <button type="button" class="link-button" data-testid="quotes-all" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? t('quotesKeyOnly') : t('quotesAll', quotes.length)}
        </button>
      )}
    </section>
  );
}
