// Where the story is on the live page: the elements holding what Readability kept, plus the parts of an
// article Readability takes out of its content on purpose (headline, byline, date, lead picture).
import { runToEnd, type Sliced } from './slices';
import { MEDIA_TAGS } from './clone-map';
import { clutterOpens } from './declutter';
import { ownSiteLinkShare, visibleLength } from './site-links';

const MEDIA = new Set(MEDIA_TAGS);

export interface StoryMap {
  /** Live elements whose text or media is the story. */
  content: Element[];
  /** Headline, byline, dates and lead figure found around the story. */
  extras: Element[];
  /** Smallest element holding all story paragraphs. */
  root: Element;
  /** The article header: the headline's container that stops short of the story root (null if none found). */
  header: Element | null;
}

/** How long one slice of the story map may hold the page's thread (ms) before it gives the page a turn. */
export const STORY_MAP_SLICE_MS = 15;

/**
 * `kept` is Readability's article element (cloned nodes); `liveOf` maps them back to the page.
 * Returns null when nothing Readability kept can be found on the page (it rebuilt everything).
 */
export function mapStory(
  doc: Document,
  kept: Element,
  liveOf: (n: Node) => Node | undefined,
  meta: { title: string | null; byline: string | null },
): StoryMap | null {
  return runToEnd(mapStoryInSlices(doc, kept, liveOf, meta, Infinity));
}

/**
 * mapStory a slice at a time, for the page: it pauses (yields) whenever a slice has taken `sliceMs`, and once
 * before the headline, byline and lead picture, so that the caller can give the page a turn between slices. A long
 * story (an encyclopaedia article of thousands of paragraphs) took over 50 ms in one go. Only the clone is walked
 * across a pause; the page's own nodes are read as they are then.
 */
export function* mapStoryInSlices(
  doc: Document,
  kept: Element,
  liveOf: (n: Node) => Node | undefined,
  meta: { title: string | null; byline: string | null },
  sliceMs = STORY_MAP_SLICE_MS,
): Sliced<StoryMap | null> {
  const content = new Set<Element>();
  const textParents: Element[] = [];
  const linkBlock = linkBlocks(kept);
  const walker = kept.ownerDocument.createTreeWalker(kept, 1 | 4 /* elements and text */);
  let sliceStart = performance.now();
  let seen = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    // (the clock is read every 64 nodes: reading it costs too)
    if ((++seen & 63) === 0 && performance.now() - sliceStart > sliceMs) {
      yield;
      sliceStart = performance.now();
    }
    if (n.nodeType === 3) {
      // (Readability keeps teaser cards and "Read more" links that sit inside the story: they are not the story.)
      if (!n.nodeValue?.trim() || linkBlock(n)) continue;
      const live = liveOf(n)?.parentElement;
      if (live && !content.has(live)) {
        content.add(live);
        textParents.push(live);
      }
    } else if (MEDIA.has((n as Element).tagName.toUpperCase()) && !linkBlock(n)) {
      const live = liveOf(n);
      if (live && live.nodeType === 1) content.add(live as Element);
    }
  }
  if (textParents.length === 0) return null;
  yield;
  const root = commonAncestor(textParents) ?? doc.body;
  // Readability's title may be og:title, which some sites word differently from the headline: then the page's <title>.
  const headline = findHeadline(doc, [meta.title, doc.title]);
  const extras: Element[] = [];
  let header: Element | null = null;
  if (headline) {
    extras.push(headline);
    header = headerRegion(headline, root);
    const region = header ?? headline.parentElement ?? doc.body;
    extras.push(...findBylineAndDates(region, meta.byline, textParents[0]));
    const figure = findLeadFigure(doc, headline, textParents[0]);
    if (figure) extras.push(figure);
  }
  return { content: [...content], extras, root, header };
}

const BLOCKS = new Set(['P', 'DIV', 'FIGURE', 'LI', 'UL', 'OL', 'SECTION', 'ASIDE', 'ARTICLE', 'BLOCKQUOTE', 'TABLE']);

/** Whether a node sits in a block of the kept content that is mostly links to the site's own pages. */
function linkBlocks(kept: Element): (n: Node) => boolean {
  const cache = new Map<Element, boolean>();
  const isLinkBlock = (block: Element): boolean => {
    let v = cache.get(block);
    if (v === undefined) {
      const raw = block.textContent ?? '';
      const visible = visibleLength(raw);
      v = (block.getElementsByTagName('a').length > 0 && pointsElsewhere(raw, visible)) || ownSiteLinkShare(block, visible) > 0.5;
      cache.set(block, v);
    }
    return v;
  };
  // Whether a block holds any text, asked once per block: a story's pictures share their blocks.
  const texts = new Map<Element, boolean>();
  const hasText = (e: Element) => {
    let v = texts.get(e);
    if (v === undefined) texts.set(e, (v = (e.textContent ?? '').trim() !== ''));
    return v;
  };
  // Asked of the story's text nodes that hold text, and of its pictures and other media.
  return (n) => {
    // The nearest block that has text decides (a card's picture has none; the card around it does). Every block
    // around a text node that holds text has text: only a picture's blocks are asked.
    const text = n.nodeType === 3;
    for (let e = text ? n.parentElement : (n as Element); e && e !== kept; e = e.parentElement) {
      if (!BLOCKS.has(e.tagName.toUpperCase()) || (!text && !hasText(e))) continue;
      return isLinkBlock(e);
    }
    return false;
  };
}

/** A short block that opens with "Read also:", "Veja também", "Czytaj więcej"… is a pointer elsewhere. (Opens:
 * "This week's podcast is sponsored by…" is a sentence of the story, not a pointer.) */
function pointsElsewhere(raw: string, visible: number): boolean {
  if (visible >= 300) return false; // (settled without squashing a long text)
  const text = raw.replace(/\s+/g, ' ').trim();
  return text.length < 300 && clutterOpens(text, 40);
}

export function commonAncestor(nodes: Element[]): Element | null {
  if (nodes.length === 0) return null;
  let candidate: Element | null = nodes[0];
  for (const n of nodes.slice(1)) {
    while (candidate && !candidate.contains(n)) candidate = candidate.parentElement;
    if (!candidate) return null;
  }
  return candidate;
}

const squash = (s: string | null | undefined) =>
  (s ?? '').replace(/\s+/g, ' ').trim().toLowerCase();

/** The element that shows the first of `titles` found on the page (an h1 first); the first h1 when none is given. */
function findHeadline(doc: Document, titles: (string | null)[]): Element | null {
  // (no variable here is named t: WXT's auto-import would take it for the i18n t() and bundle the browser API with it)
  const wanted = titles.map(squash).filter((title) => title !== '');
  if (wanted.length === 0) return doc.querySelector('h1');
  const candidates = [...doc.querySelectorAll('h1, h2, [itemprop~="headline"], [class*="headline"], [class*="title"]')];
  // (each candidate's text is read once, whichever title is tried: a page has many "title" classes)
  const texts = new Map<Element, string>();
  const textOf = (el: Element) => {
    let text = texts.get(el);
    if (text === undefined) texts.set(el, (text = squash(el.textContent)));
    return text;
  };
  for (const title of wanted) {
    const matches = (el: Element) => {
      const text = textOf(el);
      return (
        text.length > 0 &&
        text.length < title.length * 2 + 20 &&
        (text.includes(title) || (title.includes(text) && text.length > 15))
      );
    };
    const found = candidates.find((el) => el.tagName === 'H1' && matches(el)) ?? candidates.find(matches);
    if (found) return found;
  }
  return null;
}

/** The largest ancestor of the headline that still holds little text and does not reach the story itself. */
function headerRegion(headline: Element, storyRoot: Element): Element | null {
  let region: Element | null = null;
  for (let e = headline.parentElement; e && e.tagName !== 'BODY'; e = e.parentElement) {
    if (e.contains(storyRoot) || storyRoot.contains(e)) break;
    if ((e.textContent?.length ?? 0) > 1500) break;
    region = e;
  }
  return region;
}

/**
 * Byline and dates in `region`, around the headline. Where the region holds the story too (a page without a
 * header of its own), only what comes before the story's first paragraph is read, and not the boxes around the
 * story: a byline sits above the story, and reading the whole text of a long story again and again to look for a
 * name took 30 ms on a long encyclopaedia article.
 */
function findBylineAndDates(region: Element, byline: string | null, storyStart: Element): Element[] {
  const found: Element[] = [];
  const names = squash(byline)
    .split(/\s*(?:,|\band\b|&)\s*/)
    .filter((n) => n.length > 2);
  const bounded = region.contains(storyStart);
  // (in document order: past the story's start, only the story's own boxes and what follows it are left)
  const pastStory = (el: Element) => bounded && !el.contains(storyStart) && (storyStart.compareDocumentPosition(el) & 4) /* FOLLOWING */ !== 0;
  const aroundStory = (el: Element) => bounded && el.contains(storyStart);
  const selectors =
    'time, [rel~="author"], [itemprop~="author"], address, [class*="byline"], [class*="author"], [class*="date"], [class*="time"]';
  for (const el of region.querySelectorAll(selectors)) {
    if (pastStory(el)) break;
    if (aroundStory(el)) continue;
    if (el.tagName === 'TIME') {
      found.push(el);
      continue;
    }
    const text = squash(el.textContent);
    if (text.length > 0 && text.length < 200) found.push(el);
  }
  if (names.length) {
    for (const el of region.querySelectorAll('a, span, p, div')) {
      if (pastStory(el)) break;
      if (aroundStory(el)) continue;
      const text = squash(el.textContent);
      if (text.length < 200 && names.some((n) => text.includes(n))) found.push(el);
    }
  }
  return found;
}

/** The first picture between the headline and the first paragraph of the story. A picture that links to another
 * page is a banner or a teaser, not the story's picture (one that links to a bigger copy of itself still is). */
function findLeadFigure(doc: Document, headline: Element, firstParagraph: Element): Element | null {
  for (const img of doc.querySelectorAll('img, picture, video')) {
    const afterHeadline = headline.compareDocumentPosition(img) & 4; /* FOLLOWING */
    const beforeStory = img.compareDocumentPosition(firstParagraph) & 4;
    if (!beforeStory) break;
    if (afterHeadline && !linksElsewhere(img)) return img.closest('figure') ?? img;
  }
  return null;
}

const IMAGE_FILE = /\.(?:jpe?g|png|gif|webp|avif|svg)(?:[?#]|$)/i;

function linksElsewhere(el: Element): boolean {
  const href = el.closest('a[href]')?.getAttribute('href')?.trim() ?? '';
  return href !== '' && !href.startsWith('#') && !IMAGE_FILE.test(href);
}
