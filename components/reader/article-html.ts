// The story's HTML made safe and clean enough to read. Readability's output is the page's own markup, so it is
// hostile until DOMPurify has been over it: no script, handler, form, frame, style or embedded document; links
// only to http(s) pages, opening in a new tab; pictures only from http(s) or data:image. It also still holds
// what the in-place declutter hides on the page (teaser cards, link lists, widget labels): those go too.
import DOMPurify from 'dompurify';
import { readsAsProse } from '@/utils/analysis/prose';
import { looksLikeClutter } from '@/utils/page/declutter';
import { ownSiteLinkShare } from '@/utils/page/site-links';

/**
 * 'load': pictures load from the web (the in-page reader: they are the page's own, which it shows anyway).
 * 'placeholder': none is fetched (the offline reader page, where Lede makes no network request); each picture
 * leaves its description and caption.
 */
export type ImagePolicy = 'load' | 'placeholder';

export interface ArticleHtmlOptions {
  /** The article's address: relative links and pictures resolve against it. */
  baseUrl: string;
  images: ImagePolicy;
  /** The headline, shown by the reader's own header: a copy at the top of the story is dropped. */
  title?: string | null;
  lang?: string | null;
}

// What a story is made of. Everything else (script, style, form, input, button, iframe, object, embed, video,
// audio, svg, math, template, link, meta, base) is dropped by DOMPurify with its content or unwrapped.
const ALLOWED_TAGS = [
  'a', 'abbr', 'article', 'aside', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'caption', 'cite', 'code', 'col',
  'colgroup', 'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'footer', 'h1', 'h2',
  'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'main', 'mark', 'ol', 'p', 'pre', 'q',
  'rp', 'rt', 'ruby', 's', 'samp', 'section', 'small', 'span', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody',
  'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'u', 'ul', 'var', 'wbr',
];
// No style: the reader sets the typography. Ids and classes stay only while the clutter is told apart (a box
// named "newsletter" is one), then go: the page's names mean nothing in the reader.
const ALLOWED_ATTR = [
  'href', 'src', 'srcset', 'sizes', 'alt', 'title', 'width', 'height', 'colspan', 'rowspan', 'scope', 'headers',
  'datetime', 'lang', 'dir', 'start', 'reversed', 'type', 'open', 'abbr', 'span', 'id', 'class',
];

// Where lazy-loading scripts keep a picture's real address until it scrolls into view.
const LAZY_SRC = ['data-src', 'data-lazy-src', 'data-original', 'data-orig-src', 'data-full-src', 'data-hi-res-src', 'data-url'];
const LAZY_SRCSET = ['data-srcset', 'data-lazy-srcset'];

// Containers the clutter test applies to (an inline link or a picture on its own is judged with its block).
const BLOCKS = new Set([
  'DIV', 'SECTION', 'ARTICLE', 'ASIDE', 'HEADER', 'FOOTER', 'MAIN', 'FIGURE', 'UL', 'OL', 'DL', 'TABLE', 'P', 'H1',
  'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'DETAILS',
]);
const CARDS = new Set(['FIGURE', 'DIV', 'SECTION', 'ASIDE', 'ARTICLE']);
const PROSE_BLOCKS = 'p, blockquote, li, dd, pre';
const WIDGET_BOXES = new Set(['DIV', 'SECTION', 'ASIDE']);
const NOT_WIDGET = 'h1, h2, h3, h4, h5, h6, ul, ol, dl, table, pre, blockquote, figure, figcaption, img';
/** A widget's labels are short: more text than this is not one. */
const WIDGET_TEXT_MAX = 160;

const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** The story as safe HTML for the reader (a string: the caller sets it as innerHTML of its own element). */
export function articleHtml(dirty: string, options: ArticleHtmlOptions, win: Window & typeof globalThis = window): string {
  const parsed = new win.DOMParser().parseFromString(dirty, 'text/html'); // inert: nothing runs or loads
  resolveLazyPictures(parsed.body, options.baseUrl);
  const purify = DOMPurify(win);
  purify.addHook('afterSanitizeAttributes', (node) => safeUrls(node as Element, options.baseUrl));
  const body = purify.sanitize(parsed.body.innerHTML, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    RETURN_DOM: true, // a body in DOMPurify's own inert document: tidied there, so no picture loads early
  }) as HTMLElement;
  tidy(body, options);
  return body.innerHTML;
}

/** Lazy pictures get their real address; a <picture> becomes its <img>. */
function resolveLazyPictures(root: HTMLElement, baseUrl: string): void {
  for (const picture of [...root.querySelectorAll('picture')]) {
    const img = picture.querySelector('img');
    const source = picture.querySelector('source[srcset], source[data-srcset]');
    if (img && source && !img.getAttribute('srcset') && !LAZY_SRCSET.some((a) => img.hasAttribute(a))) {
      for (const a of ['srcset', 'data-srcset', 'sizes']) {
        const value = source.getAttribute(a);
        if (value) img.setAttribute(a, value);
      }
    }
    if (img) picture.replaceWith(img);
    else picture.remove();
  }
  for (const img of root.querySelectorAll('img')) {
    // A lazy address wins: the src beside it is a placeholder (a 1x1 GIF, a blurred thumbnail).
    const src = LAZY_SRC.map((a) => img.getAttribute(a)).find((v) => v && !/^\s*data:/.test(v));
    const srcset = LAZY_SRCSET.map((a) => img.getAttribute(a)).find(Boolean);
    if (src) img.setAttribute('src', absolute(src, baseUrl) ?? src);
    if (srcset) img.setAttribute('srcset', srcset);
    else if (/data:/.test(img.getAttribute('srcset') ?? '')) img.removeAttribute('srcset');
  }
}

/** Only http(s) links (opening in a new tab, without a way back to the reader) and http(s) or data:image pictures. */
function safeUrls(el: Element, baseUrl: string): void {
  if (el.tagName === 'A') {
    const href = webUrl(el.getAttribute('href'), baseUrl);
    if (href) {
      el.setAttribute('href', href);
      el.setAttribute('target', '_blank');
      el.setAttribute('rel', 'noopener noreferrer');
    } else el.removeAttribute('href');
  }
  if (el.tagName === 'IMG') {
    const raw = el.getAttribute('src');
    const src = raw && /^\s*data:image\/(?:png|gif|jpe?g|webp|avif|svg\+xml)[;,]/i.test(raw) ? raw.trim() : webUrl(raw, baseUrl);
    if (src) el.setAttribute('src', src);
    else el.removeAttribute('src');
    const set = safeSrcset(el.getAttribute('srcset'), baseUrl);
    if (set) el.setAttribute('srcset', set);
    else el.removeAttribute('srcset');
  }
}

function webUrl(value: string | null, baseUrl: string): string | null {
  const url = value ? absolute(value.trim(), baseUrl) : null;
  return url && /^https?:/i.test(url) ? url : null;
}

function absolute(value: string, baseUrl: string): string | null {
  try {
    return new URL(value, baseUrl).href;
  } catch {
    return null;
  }
}

function safeSrcset(value: string | null, baseUrl: string): string | null {
  if (!value) return null;
  const candidates = value
    .split(/,\s+/)
    .map((c) => c.trim().split(/\s+/))
    .map(([url, descriptor]) => {
      const safe = webUrl(url, baseUrl);
      return safe && (descriptor === undefined || /^\d+(?:\.\d+)?[wx]$/.test(descriptor)) ? [safe, descriptor].filter(Boolean).join(' ') : null;
    })
    .filter((c): c is string => c !== null);
  return candidates.length ? candidates.join(', ') : null;
}

function tidy(body: HTMLElement, options: ArticleHtmlOptions): void {
  // Links to the article's own site are told by the document's address and canonical link (site-links.ts); this
  // document is DOMPurify's, so it is told where the article lives.
  const canonical = body.ownerDocument.createElement('link');
  canonical.setAttribute('rel', 'canonical');
  canonical.setAttribute('href', options.baseUrl);
  body.ownerDocument.head?.append(canonical);
  for (const img of [...body.querySelectorAll('img')]) {
    const tiny = ['width', 'height'].some((a) => Number(img.getAttribute(a) || Infinity) <= 2);
    if (tiny || (!img.getAttribute('src') && !img.getAttribute('srcset'))) img.remove(); // a tracking pixel, or nothing to show
    else if (options.images === 'placeholder' && !img.getAttribute('src')?.startsWith('data:')) img.replaceWith(placeholder(img));
    else {
      img.setAttribute('loading', 'lazy');
      img.setAttribute('decoding', 'async');
    }
  }
  const isProse = (el: Element) => {
    const text = squash(el.textContent);
    let links = 0;
    if (el.closest('a')) links = text.length;
    else for (const a of el.querySelectorAll('a')) links += squash(a.textContent).length;
    return text.length > 0 && readsAsProse(text, links / text.length, options.lang);
  };
  const holdsProse = (el: Element) => isProse(el) || [...el.querySelectorAll(PROSE_BLOCKS)].some(isProse);
  // A box that is one link as a whole (a bookmark card, a teaser) is a card wherever it points.
  const teaser = (el: Element) => {
    if (el.matches('blockquote, table, pre')) return false;
    if (ownSiteLinkShare(el) > 0.5) return true;
    if (!CARDS.has(el.tagName)) return false;
    const links = el.querySelectorAll('a');
    const text = squash(el.textContent).length;
    return text > 0 && (el.closest('a') !== null || (links.length === 1 && squash(links[0].textContent).length > 0.8 * text));
  };
  for (const el of [...body.querySelectorAll('*')]) {
    // Gone with a container already removed; or a heading, which is the story's (even when it links to itself).
    if (!body.contains(el) || !BLOCKS.has(el.tagName) || /^H[1-6]$/.test(el.tagName)) continue;
    // A paragraph goes only for being links to the site's own pages ("Related: …", "Tags: …"): its words may
    // well say "related" or "sign up" and still be the story's.
    const clutter = el.tagName === 'P' ? teaser(el) : looksLikeClutter(el) || teaser(el);
    if ((clutter && !holdsProse(el)) || isWidgetBox(el, options.lang)) el.remove();
  }
  for (const el of body.querySelectorAll('[id], [class]')) {
    el.removeAttribute('id');
    el.removeAttribute('class');
  }
  const title = squash(options.title).toLowerCase();
  const firstHeading = body.querySelector('h1, h2');
  if (title && firstHeading && squash(firstHeading.textContent).toLowerCase() === title) firstHeading.remove();
}

/**
 * A widget left in the story: a box of a few short labels and nothing else ("This audio is created with AI
 * assistance"; a video player's "Play", "Current Time 0:00", "Share"). A short line among the story's own
 * paragraphs is the story's (a step, a subheading, a dateline, a line of a list written as paragraphs), so only a
 * box whose whole text is such lines goes: no sentence, no heading, list, table, picture or caption in it.
 */
function isWidgetBox(el: Element, lang: string | null | undefined): boolean {
  if (!WIDGET_BOXES.has(el.tagName) || el.querySelector(NOT_WIDGET)) return false;
  const text = squash(el.textContent);
  if (!text || text.length > WIDGET_TEXT_MAX) return false;
  // The only text of a box with a picture is its caption (a thumbnail's, written as a div).
  const box = el.parentElement;
  if (box?.querySelector('img') && squash(box.textContent) === text) return false;
  const lines = [...el.querySelectorAll('p, div, span')].filter((b) => !b.querySelector('p, div, span'));
  return [el, ...lines].every((b) => !readsAsProse(squash(b.textContent), 0, lang));
}

function placeholder(img: HTMLImageElement): HTMLElement {
  const alt = squash(img.getAttribute('alt'));
  const span = img.ownerDocument.createElement('span');
  span.setAttribute('role', 'img');
  span.setAttribute('aria-label', alt ? `Picture: ${alt}` : 'Picture');
  span.setAttribute('data-lede-picture', '');
  span.textContent = alt ? `Picture: ${alt}` : 'Picture';
  return span;
}
