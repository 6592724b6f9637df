// Content-script side of the badge: tells the background when the page holds an article (once it is analysed),
// and answers the background when it asks again after a navigation inside the same document.
import type { Analysis } from '../analysis/types';
import type { DetectedArticle } from '../messages';

/** The article the page holds, or null: what the badge marks. `analysis` is null on a page that is no article. */
export async function detectedArticle(analysis: Promise<Analysis | null> | null): Promise<DetectedArticle | null> {
  const a = await analysis;
  return a?.isArticle ? { url: a.url, title: a.title } : null;
}

/**
 * Sends the page's article to the background once it is analysed. A page that is not an article sends nothing (a
 * page load clears the badge by itself), except with `orNone`: a single-page site that moved on from an article.
 */
export async function announceArticle(
  analysis: Promise<Analysis | null>,
  send: (article: DetectedArticle | null) => Promise<unknown>,
  { orNone = false } = {},
): Promise<void> {
  const article = await detectedArticle(analysis).catch(() => null);
  // The background may be restarting (or the extension updated under the page): the badge is a nicety.
  if (article || orNone) await send(article).catch(() => {});
}
