// How much of a block's text is links to the page's own site: the mark of a teaser card, a "Read more" list or a
// site menu. Links that leave the site (the products of a deals story, the sources a post cites) are the story's.

export function siteOf(href: string | null, base: string): string | null {
  try {
    return new URL(href ?? '', base).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

/** Characters of `s` that are not whitespace. (A native replace: a loop over the characters runs in V8's
 * interpreter on a page's first analysis, and was slower on long texts, measured in Chromium.) */
export const visibleLength = (s: string | null): number => (s ? s.replace(/\s+/g, '').length : 0);

interface Sites {
  own: Set<string>;
  /** Whether a relative link leads to the own site (not on a saved file, which has no host). */
  relativeIsOwn: boolean;
  /** Whether an href leads to the page's own site, by href: a page repeats its links, and parsing each costs. */
  byHref: Map<string, boolean>;
}

const sitesByDocument = new WeakMap<Document, Sites>();

/** The page's own site: where it was loaded from and where it says it lives (canonical link, og:url). */
function sitesOf(doc: Document): Sites {
  let sites = sitesByDocument.get(doc);
  if (!sites) {
    const declared = [
      doc.querySelector('link[rel~="canonical"]')?.getAttribute('href') ?? null,
      doc.querySelector('meta[property="og:url"]')?.getAttribute('content') ?? null,
    ];
    const own = new Set([doc.URL, ...declared].map((u) => (u ? siteOf(u, doc.URL) : null)).filter((x): x is string => !!x));
    sites = { own, relativeIsOwn: own.has(siteOf(doc.URL, doc.URL) ?? ''), byHref: new Map() };
    sitesByDocument.set(doc, sites);
  }
  return sites;
}

/**
 * Whether `href` is a relative address ("/news/1", "page.html", "?p=2", "#top"), which stays on the page's site,
 * read off the string rather than parsed as a URL: a long page has thousands of links. Addresses with a scheme
 * ("https:", "mailto:"), "//" or spaces and control characters (which URL strips) are left to URL.
 */
function isRelative(href: string): boolean {
  if (href.startsWith('//')) return false;
  for (let i = 0; i < href.length; i++) {
    const c = href.charCodeAt(i);
    if (c <= 32) return false;
    if (c === 58 /* : */) return i === 0; // a scheme before it (or ":" first, which URL reads as a path)
    if (c === 47 || c === 63 || c === 35 /* / ? # */) return true;
    const schemeChar = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (i > 0 && ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46));
    if (!schemeChar) return true;
  }
  return true;
}

function leadsHome(a: Element, doc: Document): boolean {
  const href = a.getAttribute('href') ?? '';
  const { own, relativeIsOwn, byHref } = sitesOf(doc);
  let home = byHref.get(href);
  if (home === undefined) byHref.set(href, (home = isRelative(href) ? relativeIsOwn : own.has(siteOf(href, doc.URL) ?? '')));
  return home;
}

/**
 * Share (0..1) of `el`'s text inside links to the page's own site (all of it when `el` sits inside such a link).
 * `visible`: visibleLength of its text, when the caller has it (reading a long block's text again costs).
 */
export function ownSiteLinkShare(el: Element, visible?: number): number {
  const around = el.closest('a');
  const doc = el.ownerDocument;
  const text = () => visible ?? visibleLength(el.textContent);
  if (around) return text() > 0 && leadsHome(around, doc) ? 1 : 0;
  const links = el.getElementsByTagName('a');
  if (links.length === 0) return 0;
  const chars = text();
  if (chars === 0) return 0;
  let home = 0;
  for (let i = 0; i < links.length; i++) if (leadsHome(links[i], doc)) home += visibleLength(links[i].textContent);
  return home / chars;
}
