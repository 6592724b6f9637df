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

const sitesByDocument = new WeakMap<Document, Set<string>>();

/** The page's own site: where it was loaded from and where it says it lives (canonical link, og:url). */
function ownSites(doc: Document): Set<string> {
  let sites = sitesByDocument.get(doc);
  if (!sites) {
    const declared = [
      doc.querySelector('link[rel~="canonical"]')?.getAttribute('href') ?? null,
      doc.querySelector('meta[property="og:url"]')?.getAttribute('content') ?? null,
    ];
    sites = new Set([doc.URL, ...declared].map((u) => (u ? siteOf(u, doc.URL) : null)).filter((x): x is string => !!x));
    sitesByDocument.set(doc, sites);
  }
  return sites;
}

/** Share (0..1) of `el`'s text inside links to the page's own site (all of it when `el` sits inside such a link). */
export function ownSiteLinkShare(el: Element): number {
  const text = squashedLength(el.textContent);
  if (text === 0) return 0;
  const doc = el.ownerDocument;
  const sites = ownSites(doc);
  const own = (a: Element) => sites.has(siteOf(a.getAttribute('href'), doc.URL) ?? '');
  const around = el.closest('a');
  if (around) return own(around) ? 1 : 0;
  let links = 0;
  for (const a of el.querySelectorAll('a')) if (own(a)) links += squashedLength(a.textContent);
  return links / text;
}
