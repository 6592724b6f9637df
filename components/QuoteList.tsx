import type { Quote } from '@/utils/analysis/types';

export function QuoteList({ quotes, lang }: { quotes: Quote[]; lang: string | null }) {
  if (quotes.length === 0) return null;
  return (
    <section class="quotes" aria-labelledby="quotes-heading">
      <h2 id="quotes-heading">Key quotes</h2>
      {quotes.map((q) => (
        <figure class="quote" data-testid="quote">
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
              <span class="unknown-speaker">Speaker not named</span>
            )}
          </figcaption>
        </figure>
      ))}
    </section>
  );
}
