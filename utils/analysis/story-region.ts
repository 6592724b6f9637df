// The part of an article page that holds its story, and a copy of just that part (with the page's head) for
// Readability. Readability's cost grows with the page it reads; on the corpus's articles the story's region is
// about half of the page's elements (a quarter or less on one page in four: navigation, rails, footers and
// comment threads are outside it), and what Readability keeps from the region is what it keeps from the page.
import { proseBlocks } from './detect-measure';

/** The region holds at least this share of the page's prose (long paragraphs outside links). */
const PROSE_SHARE = 0.8;
/** The headline is taken in when it sits at most this many levels above the region. */
const HEADLINE_REACH = 4;

/**
 * The smallest element around the page's main text holding most of its prose, one level wider (the story's
 * header, pictures and byline sit beside its body), and wide enough for the page's headline when that is close.
 * Null when that is the whole body, or the page has no main text: then the whole page is read.
 */
export function storyRegion(doc: Document, cjk: boolean): Element | null {
  const body = doc.body;
  // (read again rather than kept from detection: every page would hold on to elements for the few that are
  // articles; and detection stops reading early, the region needs all of the prose)
  const { blocks, proseChars, main } = proseBlocks(doc, cjk, false);
  if (!body || !main || !body.contains(main)) return null;
  const covered = (el: Element) => {
    let chars = 0;
    for (const [block, n] of blocks) if (el.contains(block)) chars += n;
    return chars;
  };
  let region: Element = main;
  while (region !== body && covered(region) < PROSE_SHARE * proseChars) region = region.parentElement ?? body;
  if (region !== body) region = region.parentElement ?? body;
  const headline = doc.querySelector('h1');
  if (headline && !region.contains(headline)) {
    let wider: Element | null = region;
    for (let k = 0; wider && k < HEADLINE_REACH && !wider.contains(headline); k++) wider = wider.parentElement;
    if (wider?.contains(headline)) region = wider;
  }
  return region === body || !body.contains(region) ? null : region;
}

export interface RegionCopy {
  /** A document of its own: the page's <html>, its head, its <body> holding the region alone. */
  copy: Document;
  /** The region's copy in it. */
  region: Element;
}

/**
 * A copy of `region` for Readability to consume, in a copy of the page's <html> and head. What the
 * page says of itself outside the head and the region (a title, meta tags, JSON-LD a parser or a script left in
 * the body) goes into the copy's head: Readability reads its title, byline and dates from them.
 */
export function copyRegion(doc: Document, region: Element): RegionCopy {
  const copy = doc.cloneNode(false) as Document;
  const html = copy.importNode(doc.documentElement, false);
  copy.appendChild(html);
  const head = doc.head ? (copy.importNode(doc.head, true) as HTMLHeadElement) : copy.createElement('head');
  html.appendChild(head);
  for (const el of doc.body.querySelectorAll('title, meta, script[type="application/ld+json"]')) {
    if (!region.contains(el)) head.appendChild(copy.importNode(el, true));
  }
  // The region straight in the body, not in copies of its ancestors: each would be an only child, and Readability
  // climbs from its best candidate through only children, up to the body, and then cleans the story away.
  const body = html.appendChild(copy.importNode(doc.body, false));
  return { copy, region: body.appendChild(copy.importNode(region, true)) };
}
