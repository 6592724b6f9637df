// Declutter on the seed page, planned in jsdom exactly as the content script plans it on the live page.
// (What the reader actually sees is checked in real browsers by the end-to-end tests.)
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../scripts/lib/dom';
import { extractArticle } from '../../utils/analysis/extract';
import { cloneWithMap } from '../../utils/page/clone-map';
import { Declutter, looksLikeClutter } from '../../utils/page/declutter';
import { HIDDEN_ATTR } from '../../utils/page/page-marks';
import { mapStory, mapStoryInSlices } from '../../utils/page/story';

const URL_ = 'https://kyivindependent.com/china-should-also-be-concerned-about-russia-north-korea-pact-white-house-says/';
const fixture = (name: string) => readFileSync(new URL(`../fixtures/seed/${name}`, import.meta.url), 'utf8');
const BODY: string[] = JSON.parse(fixture('body-paragraphs.json'));

function decluttered(url = URL_) {
  const doc = parseHtml(fixture('kyiv-independent.html'), url);
  const before = doc.documentElement.outerHTML;
  const mapped = cloneWithMap(doc);
  const extraction = extractArticle(mapped.clone, url)!;
  const story = mapStory(doc, extraction.content, mapped.liveOf, extraction.meta)!;
  const declutter = new Declutter(doc, story);
  declutter.apply();
  return { doc, before, declutter };
}

/** Whether `el` would be shown: neither it nor an ancestor carries Lede's hidden mark. */
const shown = (el: Element) => el.closest(`[${HIDDEN_ATTR}]`) === null;

/** Elements whose own text includes `text`, innermost first. */
function holding(doc: Document, text: string): Element[] {
  return [...doc.body.querySelectorAll('*')].filter((el) => el.textContent?.includes(text)).reverse();
}

/** The elements whose own text nodes hold `text` (what the reader would see of it). */
function showing(doc: Document, text: string): Element[] {
  const out: Element[] = [];
  const walker = doc.createTreeWalker(doc.body, 4);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.nodeValue?.includes(text)) out.push(n.parentElement!);
  return out;
}

describe('declutter on the seed page', () => {
  it('leaves every body paragraph, the headline, the byline and the lead photo shown', () => {
    const { doc } = decluttered();
    for (const p of BODY) {
      const el = holding(doc, p.slice(0, 60))[0];
      expect(el, p.slice(0, 40)).toBeDefined();
      expect(shown(el), `${p.slice(0, 40)} in <${el.tagName.toLowerCase()} class="${el.className}">`).toBe(true);
    }
    expect(shown(doc.querySelector('h1')!)).toBe(true);
    expect(shown(showing(doc, 'Martin Fornusek')[0]), 'the byline').toBe(true);
    expect(shown(doc.querySelector('figure img')!)).toBe(true);
  });

  it('hides the newsletter forms, both teaser cards, the news feed and the editors’ picks', () => {
    const { doc } = decluttered();
    for (const text of [
      'Enter your email to subscribe',
      'indicates required',
      'Successfuly subscribed',
      'Russia, China and North Korea have new dynamics',
      'Putin threatens a response if South Korea sends arms to Ukraine',
      'News Feed',
      "Editors' Picks",
      'How will Russia’s war end?',
    ]) {
      const els = showing(doc, text);
      expect(els.length, text).toBeGreaterThan(0);
      for (const el of els) expect(shown(el), `${text} in <${el.tagName.toLowerCase()} class="${el.className}">`).toBe(false);
    }
  });

  it('knows the site by its canonical address when served from elsewhere (a mirror, a saved copy, a test server)', () => {
    const { doc } = decluttered('http://127.0.0.1:8080/seed/kyiv-independent.html');
    for (const text of ['Russia, China and North Korea have new dynamics', 'Putin threatens a response']) {
      for (const el of showing(doc, text)) expect(shown(el), text).toBe(false);
    }
  });

  it('puts the page back exactly as it was', () => {
    const { doc, before, declutter } = decluttered();
    expect(declutter.count).toBeGreaterThan(0);
    declutter.revert();
    expect(doc.documentElement.outerHTML).toBe(before);
  });
});

// A made-up story (tests/fixtures/declutter/README.md): headline worded otherwise in og:title, a linked banner before
// the lead figure, clutter words inside the story's own sentences next to a real promo.
describe('declutter keeps what the story says, and hides what sells something else', () => {
  const STORY_URL = 'https://news.example.org/2024/03/12/harbour-town-votes-to-keep-its-ferry-running';
  function podcastStory() {
    const html = readFileSync(new URL('../fixtures/declutter/podcast-story.html', import.meta.url), 'utf8');
    const doc = parseHtml(html, STORY_URL);
    const mapped = cloneWithMap(doc);
    const extraction = extractArticle(mapped.clone, STORY_URL)!;
    const story = mapStory(doc, extraction.content, mapped.liveOf, extraction.meta)!;
    new Declutter(doc, story).apply();
    return Object.assign(doc, { story });
  }
  const visible = (doc: Document, text: string) => {
    const els = showing(doc, text);
    expect(els.length, text).toBeGreaterThan(0);
    return els.every(shown);
  };

  it('finds the headline by the page title when og:title words it otherwise, and keeps the byline', () => {
    const doc = podcastStory();
    expect(visible(doc, 'Harbour town votes to keep its ferry running through winter')).toBe(true);
    expect(visible(doc, 'By Ada Quill')).toBe(true);
  });

  it('takes the lead figure after a linked banner for the story’s picture, caption and all', () => {
    const doc = podcastStory();
    expect(visible(doc, 'The winter crossing carried eleven thousand passengers')).toBe(true);
    expect(shown(doc.querySelector('figure.lead img')!)).toBe(true);
    expect(shown(doc.querySelector('img[src*="banners"]')!)).toBe(false);
  });

  it('keeps sentences that merely mention a sponsor, and hides the sponsored box and the read-more pointer', () => {
    const doc = podcastStory();
    expect(visible(doc, "This week's podcast is sponsored by the Island Ferry Company")).toBe(true);
    expect(visible(doc, 'Employer-sponsored travel passes')).toBe(true);
    expect(visible(doc, 'Sign up for our morning newsletter')).toBe(false);
    expect(visible(doc, 'Read more:')).toBe(false);
    expect(visible(doc, 'Island school reopens')).toBe(false);
    expect(visible(doc, 'All rights reserved')).toBe(false);
  });

  it('counts a story sentence that mentions a sponsor as story, not as a "read more" pointer', () => {
    const { story } = podcastStory();
    expect(story.content.map((el) => el.textContent)).toContainEqual(expect.stringContaining('podcast is sponsored by'));
  });

  it('takes a box of links to the site’s own pages for a teaser, and a box of sources cited for the story', () => {
    const box = (html: string) => {
      const doc = parseHtml(`<main>${html}</main>`, STORY_URL);
      return looksLikeClutter(doc.getElementById('box')!);
    };
    // A card wrapped whole in a link home has no link inside it: the link around it decides.
    expect(box('<a href="/2024/03/11/island-school-reopens"><div id="box"><h3>Island school reopens after the storm</h3><p>Pupils return on Monday, the council says, to a building repaired over the winter.</p></div></a>')).toBe(true);
    // The same page linked twice, once relative and once absolute, counts both times.
    expect(box('<ul id="box"><li><a href="/ferry">Ferry timetable for the winter</a></li><li><a href="https://news.example.org/ferry">Ferry timetable for the winter</a></li></ul>')).toBe(true);
    expect(box('<div id="box"><p>The figures come from <a href="https://stats.example.gov/ferries">the transport office</a> and from <a href="https://port.example.com/report">the port’s own yearly report</a>, both published in March.</p></div>')).toBe(false);
  });

  it('takes clutter words for clutter when they label a box or open a line of it, not inside a sentence', () => {
    const box = (html: string) => {
      const doc = parseHtml(`<div id="box">${html}</div>`, STORY_URL);
      return looksLikeClutter(doc.getElementById('box')!);
    };
    expect(box('<p>Story continues below advertisement</p>')).toBe(true);
    expect(box('<b>Sponsored</b> <span>Our partners pick the best deals of the week for you.</span>')).toBe(true);
    expect(box('<p>Thanks for reading. Subscribe to get the next story in your inbox every morning.</p>')).toBe(true);
    expect(box('<p>Sign up for our newsletter and get the harbour news first.</p>')).toBe(true);
    expect(box('<ul><li>This week\'s podcast is sponsored by the Island Ferry Company, which runs the crossing.</li></ul>')).toBe(false);
    expect(box('<p>Employer-sponsored travel passes will be accepted on board from next month.</p>')).toBe(false);
    expect(box('<p>Keep up with the council: its minutes are published in the weekly newsletter of the town hall.</p>')).toBe(false);
  });
});

describe('the story map, a slice at a time', () => {
  it('finds the same story in many short slices as in one go', () => {
    const doc = parseHtml(fixture('kyiv-independent.html'), URL_);
    const mapped = cloneWithMap(doc);
    const extraction = extractArticle(mapped.clone, URL_)!;
    const whole = mapStory(doc, extraction.content, mapped.liveOf, extraction.meta)!;
    const slices = mapStoryInSlices(doc, extraction.content, mapped.liveOf, extraction.meta, 0);
    let pauses = 0;
    let next = slices.next();
    for (; !next.done; next = slices.next()) pauses++;
    // A slice of 0 ms pauses every 64 nodes, and once more before the headline and byline.
    expect(pauses).toBeGreaterThan(2);
    const sliced = next.value!;
    expect(sliced.content).toEqual(whole.content);
    expect(sliced.extras).toEqual(whole.extras);
    expect([sliced.root, sliced.header]).toEqual([whole.root, whole.header]);
    expect(sliced.content.length).toBeGreaterThan(BODY.length);
  });
});
