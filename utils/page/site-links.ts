// How much of a block's text is links to the page's own site: the mark of a teaser card, a "Read more" list or a
// site menu. Links that leave the site (the products of a deals story, the sources a post cites) are the story's.

export function siteOf(href: string | null, base: string): string | null {
  try {
    return new URL(href ?? '', base).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

const squashedLength = (s: string | null) => (s ?? '').replace(/\s+/g, '').length;

/** Share (0..1) of `el`'s text inside links to `pageUrl`'s site (all of it when `el` sits inside such a link). */
export function ownSiteLinkShare(el: Element, pageUrl: string): number {
  const text = squashedLength(el.textContent);
  if (text === 0) return 0;
  const site = siteOf(pageUrl, pageUrl);
  const around = el.closest('a');
  if (around) return siteOf(around.getAttribute('href'), pageUrl) === site ? 1 : 0;
  let links = 0;
  for (const a of el.querySelectorAll('a')) {
    if (siteOf(a.getAttribute('href'), pageUrl) === site) links += squashedLength(a.textContent);
  }
  return links / text;
}
