// The story's HTML as the reader view shows it: hostile markup made harmless, lazy pictures resolved, links safe,
// the clutter Readability keeps (teaser cards, newsletter logos, widget labels) gone, the story whole.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { articleHtml, type ArticleHtmlOptions } from '../../components/reader/article-html';
import { parseHtml } from '../../scripts/lib/dom';
import { analyze } from '../../utils/analysis/analyze';

const BASE = 'https://news.example/2024/06/20/story.html';
const win = new JSDOM('', { url: 'https://extension.invalid/reader.html' }).window as unknown as Window & typeof globalThis;

function render(html: string, options: Partial<ArticleHtmlOptions> = {}): HTMLElement {
  const out = articleHtml(html, { baseUrl: BASE, images: 'load', ...options }, win);
  const holder = win.document.createElement('div');
  holder.innerHTML = out;
  return holder;
}

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

describe('reader article HTML: hostile input', () => {
  const HOSTILE = `
    <p onclick="steal()" style="position:fixed;inset:0">Paragraph with a handler and a style, long enough to read as prose.</p>
    <script>steal()</script><style>body{display:none}</style><link rel="stylesheet" href="https://evil.example/x.css">
    <base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example/">
    <img src="x" onerror="steal()" alt="broken">
    <img src="javascript:steal()" alt="js">
    <a href="javascript:steal()">a javascript link</a> <a href="data:text/html,<script>steal()</script>">a data link</a>
    <a href="  JaVaScRiPt:steal()">spaced</a> <a href="mailto:someone@example.com">mail</a>
    <form action="https://evil.example/"><input name="card"><button>Pay</button></form>
    <iframe src="https://evil.example/frame"></iframe><object data="x.swf"></object><embed src="x.swf">
    <svg><script>steal()</script><a xlink:href="javascript:steal()">svg</a></svg>
    <math><mtext><style><img src=x onerror=steal()></style></mtext></math>
    <noscript><p title="</noscript><img src=x onerror=steal()>">noscript</p></noscript>
    <video src="https://evil.example/autoplay.mp4" autoplay></video><audio src="https://evil.example/a.mp3" autoplay></audio>
    <p><a href="/other-story.html" target="_self">A relative link</a> inside a sentence that is a real part of the story.</p>
    <img src="https://cdn.example/photo.jpg" srcset="https://cdn.example/p-1x.jpg 1x, javascript:steal() 2x, /p-3x.jpg 3x" alt="photo">`;

  it('keeps no script, handler, style, form, frame, embed, media player or svg', () => {
    const out = render(HOSTILE);
    expect(out.querySelectorAll('script, style, link, base, meta, form, input, button, iframe, object, embed, svg, math, video, audio, noscript')).toHaveLength(0);
    for (const el of out.querySelectorAll('*')) {
      for (const attr of el.getAttributeNames()) {
        expect(attr, `${el.tagName} ${attr}`).not.toMatch(/^on|^style$|^xlink|^data-|^class$|^id$/);
      }
    }
    expect(out.innerHTML).not.toMatch(/steal\(\)/);
    expect(out.textContent).toContain('Paragraph with a handler and a style');
  });

  it('leaves only http(s) links, each opening in a new tab with no way back', () => {
    const links = [...render(HOSTILE).querySelectorAll('a')];
    const hrefs = links.filter((a) => a.hasAttribute('href'));
    expect(hrefs.map((a) => a.getAttribute('href'))).toEqual(['https://news.example/other-story.html']);
    expect(hrefs[0].getAttribute('target')).toBe('_blank');
    expect(hrefs[0].getAttribute('rel')).toBe('noopener noreferrer');
    // The text of a link that goes nowhere safe stays, as text.
    expect(links.map((a) => a.textContent)).toContain('a javascript link');
  });

  it('keeps only http(s) and data:image pictures, and only their safe srcset entries', () => {
    const imgs = [...render(HOSTILE).querySelectorAll('img')];
    for (const img of imgs) expect(img.getAttribute('src') ?? '').toMatch(/^(?:https?:|data:image\/)/);
    const photo = imgs.find((i) => i.alt === 'photo')!;
    expect(photo.getAttribute('srcset')).toBe('https://cdn.example/p-1x.jpg 1x, https://news.example/p-3x.jpg 3x');
  });
});

describe('reader article HTML: pictures', () => {
  it('resolves lazy pictures from data-src, data-lazy-src, <picture> data-srcset, and drops tracking pixels', () => {
    const out = render(`
      <figure><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/img/lead.jpg" loading="lazy" alt="lead"><figcaption>Lead caption.</figcaption></figure>
      <figure><picture><source type="image/webp" data-srcset="/img/fans-640.webp 640w, /img/fans-1280.webp 1280w" sizes="100vw">
        <img src="/img/placeholder.svg" data-src="/img/fans-640.jpg" alt="fans"></picture></figure>
      <img data-lazy-src="https://cdn.example/exit.jpg" src="data:image/svg+xml,%3Csvg%3E%3C/svg%3E" alt="exit">
      <img src="https://tracker.example/pixel.gif" width="1" height="1" alt="">`);
    const byAlt = (alt: string) => out.querySelector<HTMLImageElement>(`img[alt="${alt}"]`);
    expect(byAlt('lead')!.getAttribute('src')).toBe('https://news.example/img/lead.jpg');
    expect(byAlt('fans')!.getAttribute('src')).toBe('https://news.example/img/fans-640.jpg');
    expect(byAlt('fans')!.getAttribute('srcset')).toBe('https://news.example/img/fans-640.webp 640w, https://news.example/img/fans-1280.webp 1280w');
    expect(out.querySelector('picture, source')).toBeNull();
    expect(byAlt('exit')!.getAttribute('src')).toBe('https://cdn.example/exit.jpg');
    expect(out.querySelector('img[width="1"]')).toBeNull();
    for (const img of out.querySelectorAll('img')) expect(img.getAttribute('loading')).toBe('lazy');
    expect(out.textContent).toContain('Lead caption.');
  });

  it('offline, shows a picture as its description and fetches nothing (data: pictures stay)', () => {
    const out = render(
      `<figure><img src="https://cdn.example/a.jpg" alt="A ferry at the quay"><figcaption>The 7:40 ferry.</figcaption></figure>
       <img src="data:image/png;base64,iVBORw0KGgo=" alt="inline">`,
      { images: 'placeholder' },
    );
    expect([...out.querySelectorAll('img')].map((i) => i.alt)).toEqual(['inline']);
    expect(out.querySelector('[data-lede-picture]')!.textContent).toBe('Picture: A ferry at the quay');
    expect(out.textContent).toContain('The 7:40 ferry.');
  });
});

describe('reader article HTML: the story and nothing else', () => {
  it('keeps every body paragraph of the seed article and the lead photo caption, and none of its clutter', { timeout: 60_000 }, () => {
    const url = 'https://kyivindependent.com/china-should-also-be-concerned-about-russia-north-korea-pact-white-house-says/';
    const analysis = analyze(parseHtml(fixture('seed/kyiv-independent.html'), url), url);
    const out = render(analysis.contentHtml, { baseUrl: url, title: analysis.title, lang: analysis.lang });
    const text = squash(out.textContent);
    const body: string[] = JSON.parse(fixture('seed/body-paragraphs.json'));
    for (const p of body) expect(text).toContain(squash(p));
    expect(text).toContain('John Kirby speaks during a news conference');
    for (const clutter of [
      'Russia, China and North Korea have new dynamics',
      'unlikely to please South Korea',
      'This audio is created with AI assistance',
      'Enter your email',
    ]) {
      expect(text, clutter).not.toContain(clutter);
    }
    expect([...out.querySelectorAll('img')].map((i) => i.alt)).toEqual(['John Kirby at a news conference in Washington']);
  });

  it('keeps links inside sentences, subheadings, lists and lead-ins; drops teaser cards, link lists and labels', () => {
    const out = render(`
      <h2>Harbour tunnel reopens</h2>
      <p>The council said the <a href="https://news.example/report">report</a> would be published next week, after the vote.</p>
      <p><strong>What happens next</strong></p>
      <p>Watch the mayor's statement below:</p>
      <ul><li>Tolls stay the same until December</li><li>Night closures for three weeks</li></ul>
      <figure><a href="/2024/06/19/other-story.html"><div><p>Swing bridge to close for repainting</p><p>The old crossing gets its own repair…</p></div></a></figure>
      <ul><li><a href="/a.html">Most read: ferry timetable</a></li><li><a href="/b.html">Market hall traders win</a></li></ul>
      <p>Related: <a href="/c.html">School roofs to be replaced</a></p>
      <div><p>Listen to this article</p></div>
      <p>Sources: <a href="https://stats.example/">national statistics office</a>, <a href="https://other.example/">the ministry</a>.</p>`, { title: 'Harbour tunnel reopens' });
    const text = squash(out.textContent);
    expect(text).toContain('The council said the report would be published next week');
    expect(text).toContain('What happens next');
    expect(text).toContain("Watch the mayor's statement below:");
    expect(text).toContain('Tolls stay the same until December');
    expect(text).toContain('Sources: national statistics office, the ministry.');
    for (const gone of ['Swing bridge to close', 'Most read', 'Market hall traders', 'School roofs', 'Listen to this article']) {
      expect(text, gone).not.toContain(gone);
    }
    // The headline is the reader's own; its copy at the top of the story goes.
    expect(out.querySelector('h2')).toBeNull();
  });
});
