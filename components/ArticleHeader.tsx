import type { Analysis } from '@/utils/analysis/types';
import { formatDate, formatMinutes, hostname } from './format';

export function ArticleHeader({ analysis }: { analysis: Analysis }) {
  const date = formatDate(analysis.publishedTime);
  return (
    <header class="article-header">
      <p class="kicker">
        <span>{analysis.siteName ?? hostname(analysis.url)}</span>
        {analysis.readingMinutes > 0 && <span data-testid="reading-time">{formatMinutes(analysis.readingMinutes)}</span>}
      </p>
      <h1 data-testid="article-title" dir="auto">
        {analysis.title ?? hostname(analysis.url)}
      </h1>
      {(analysis.byline || date) && (
        <p class="byline">
          {analysis.byline && <span data-testid="byline">{analysis.byline}</span>}
          {date && (
            <time data-testid="published" dateTime={analysis.publishedTime ?? undefined}>
              {date}
            </time>
          )}
        </p>
      )}
    </header>
  );
}
