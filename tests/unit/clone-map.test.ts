// The clone Readability consumes must lead back to the live page: each text node and media element of the clone to
// the very node it was copied from, on a real page (the seed article), also after Readability has torn it apart.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../scripts/lib/dom';
import { extractArticle } from '../../utils/analysis/extract';
import { storyRegion } from '../../utils/analysis/story-region';
import { cloneInSlices, cloneWithMap, MEDIA_TAGS } from '../../utils/page/clone-map';
import { runToEnd } from '../../utils/page/slices';

const html = readFileSync(new URL('../fixtures/seed/kyiv-independent.html', import.meta.url), 'utf8');
const URL_ = 'https://kyivindependent.com/china-should-also-be-concerned-about-russia-north-korea-pact-white-house-says/';

/** Child indexes from the document down to `n`. */
function path(n: Node): number[] {
  const out: number[] = [];
  for (let x: Node | null = n; x?.parentNode; x = x.parentNode) out.unshift([...x.parentNode.childNodes].indexOf(x as ChildNode));
  return out;
}

describe('cloneWithMap', () => {
  it('pairs every text node and media element of the clone with the live node at the same place', () => {
    const doc = parseHtml(html, URL_);
    const { clone, liveOf } = cloneWithMap(doc);
    const walker = clone.createTreeWalker(clone, 4);
    let texts = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode(), texts++) {
      const live = liveOf(n)!;
      expect(live.ownerDocument).toBe(doc);
      expect(live.nodeValue).toBe(n.nodeValue);
      expect(path(live)).toEqual(path(n));
    }
    expect(texts).toBeGreaterThan(100);
    const media = clone.querySelectorAll(MEDIA_TAGS.join(','));
    expect(media.length).toBeGreaterThan(0);
    for (const m of media) expect(path(liveOf(m)!)).toEqual(path(m));
    expect(liveOf(clone.body)).toBeUndefined(); // nothing else is asked for, so nothing else is kept
  });

  it('pairs the copy of the story region alone the same way, inside the region', () => {
    const doc = parseHtml(html, URL_);
    const region = storyRegion(doc, false)!;
    const { clone, liveOf } = cloneWithMap(doc, region);
    expect(clone.body.getElementsByTagName('*').length).toBeLessThan(doc.body.getElementsByTagName('*').length);
    const copied = clone.body.querySelector(`${region.tagName}[class="${region.className}"]`)!;
    const under = (n: Node, root: Node) => path(n).slice(path(root).length);
    const walker = clone.createTreeWalker(copied, 4);
    let texts = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode(), texts++) {
      const live = liveOf(n)!;
      expect(region.contains(live)).toBe(true);
      expect(live.nodeValue).toBe(n.nodeValue);
      expect(under(live, region)).toEqual(under(n, copied));
    }
    expect(texts).toBeGreaterThan(50);
  });

  it('copies again when the page adds to the story between the copy and the map (the page has a turn there)', async () => {
    const doc = parseHtml(html, URL_);
    const region = storyRegion(doc, false)!;
    const work = cloneInSlices(doc, region);
    expect(work.next().done).toBe(false); // the copy is made; the page runs now
    const added = doc.createElement('p');
    added.textContent = 'A correction the site put at the top of the story after the copy.';
    region.prepend(added);
    await Promise.resolve();
    const { clone, liveOf } = runToEnd(work);
    const walker = clone.createTreeWalker(clone.body, 4);
    let texts = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode(), texts++) expect(liveOf(n)!.nodeValue).toBe(n.nodeValue);
    expect(texts).toBeGreaterThan(50);
    expect(liveOf(clone.body.querySelector('p')!.firstChild!)).toBe(added.firstChild);
  });

  it.each([
    ['the whole page', false],
    ['the story region', true],
  ])('still leads each paragraph Readability kept from %s back to its live paragraph', (_, inRegion) => {
    const doc = parseHtml(html, URL_);
    const { clone, liveOf } = cloneWithMap(doc, inRegion ? storyRegion(doc, false) : null);
    const kept = extractArticle(clone, URL_, doc)!.content;
    const paragraphs = [...kept.querySelectorAll('p')].filter((p) => p.textContent!.trim().length > 80);
    expect(paragraphs.length).toBeGreaterThanOrEqual(10);
    for (const p of paragraphs) {
      const live = liveOf(p.firstChild!)!.parentElement!;
      expect(live.ownerDocument).toBe(doc);
      expect(live.textContent).toBe(p.textContent);
    }
  });
});
