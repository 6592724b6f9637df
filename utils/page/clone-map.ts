// A clone of the live document (or of the story's region of it) for Readability to consume, with a way back from
// each cloned node to the live one, so that what Readability kept can be found on the page without re-parsing
// anything.
import { copyRegion } from '../analysis/story-region';
import { runToEnd, type Sliced } from './slices';

export interface MappedClone {
  clone: Document;
  /** The live node a cloned text node or media element was copied from (undefined for any other node). */
  liveOf(node: Node): Node | undefined;
}

/** Elements the story map takes as they are (their content is a picture, a table, a formula, not text). */
export const MEDIA_TAGS = ['IMG', 'PICTURE', 'VIDEO', 'AUDIO', 'IFRAME', 'SVG', 'TABLE', 'FIGURE', 'CANVAS', 'MATH'];
const MEDIA_SELECTOR = MEDIA_TAGS.join(',').toLowerCase();

/** The whole page, or with `region` (storyRegion) only that part of its body (and its head: copyRegion). */
export function cloneWithMap(doc: Document, region?: Element | null): MappedClone {
  return runToEnd(cloneInSlices(doc, region));
}

/**
 * cloneWithMap in two slices, the copy and then the map: together they were one task of 66 ms on the corpus's
 * longest page in a busy run. The map pairs nodes by their order in both trees, so if the page adds or removes
 * nodes in what was copied while it has its turn between the two, the copy is taken again with the map.
 */
export function* cloneInSlices(doc: Document, region?: Element | null): Sliced<MappedClone> {
  const liveRoot: Node = region ?? doc;
  const take = () => {
    const part = region ? copyRegion(doc, region) : null;
    return { part, clone: part?.copy ?? (doc.cloneNode(true) as Document) };
  };
  let { part, clone } = take();
  // (the document's own window's observer: the page's in a browser, jsdom's in tests and the command line)
  let changed = false;
  const changes = new (doc.defaultView ?? globalThis).MutationObserver(() => (changed = true));
  changes.observe(liveRoot, { childList: true, subtree: true });
  try {
    yield;
    if (changed || changes.takeRecords().length) ({ part, clone } = take());
  } finally {
    changes.disconnect();
  }
  const copyRoot: Node = part?.region ?? clone;
  const map = new Map<Node, Node>();
  // Only what the story map asks about (text, media), found in the same order in both trees: cloneNode(true) copies
  // every child list in order. Half the cost of pairing every node, in Chromium, on the corpus's articles.
  const live = doc.createTreeWalker(liveRoot, 4 /* text */);
  const copy = clone.createTreeWalker(copyRoot, 4);
  for (let l = live.nextNode(), c = copy.nextNode(); l && c; l = live.nextNode(), c = copy.nextNode()) map.set(c, l);
  if (region && part && MEDIA_TAGS.includes(region.tagName)) map.set(part.region, region);
  const liveMedia = (liveRoot as ParentNode).querySelectorAll(MEDIA_SELECTOR);
  const copyMedia = (copyRoot as ParentNode).querySelectorAll(MEDIA_SELECTOR);
  for (let i = 0; i < liveMedia.length && i < copyMedia.length; i++) map.set(copyMedia[i], liveMedia[i]);
  return { clone, liveOf: (node) => map.get(node) };
}
