// Showing a quotation where it stands in the story, on the live page or in the reader's copy: scrolled into view
// and highlighted. The analysis gives a quote as plain text (whitespace squashed, quote marks left out, parts
// split by an attribution joined with " … "); the story's text nodes are read once into a string normalised the
// same way, which maps back to (node, offset) so a match becomes a DOM Range.
import type { Analysis } from '../analysis/types';
import { HIDDEN_ATTR, HIGHLIGHT_NAME, OUTLINE_ATTR, QUOTE_STYLE_ID as STYLE_ID } from './page-marks';

/** The rules that draw a highlight, for a stylesheet of the tree the quote lives in. */
export const HIGHLIGHT_CSS =
  `::highlight(${HIGHLIGHT_NAME}){background-color:#ffe066;color:#1b1a17}` +
  `[${OUTLINE_ATTR}]{outline:3px solid #f2b705!important;outline-offset:4px!important;border-radius:2px}`;

// Quote marks and apostrophes are left out on both sides: a quotation that runs over paragraphs repeats its
// opening mark on each, which the analysis' text does not have.
const MARK = /["'“”„‟«»‹›「」『』‘’‚‛]/;
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/;
const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'SELECT', 'LEDE-READER']);
const BLOCK_DISPLAY = /^(?:P|DIV|LI|BLOCKQUOTE|H[1-6]|FIGCAPTION|TD|TH|DD|DT|PRE|SECTION|ARTICLE|ASIDE|HEADER|FOOTER|FIGURE|MAIN|BODY|UL|OL|TABLE|TR)$/;

interface TextIndex {
  text: string;
  /** For each character of `text`: the text node and offset it came from. */
  nodes: Text[];
  offsets: number[];
}

function blockOf(node: Node): Element | null {
  for (let e = node.parentElement; e; e = e.parentElement) if (BLOCK_DISPLAY.test(e.tagName)) return e;
  return null;
}

/** The text under `root` as one normalised string, subtrees `skip` names left out. */
function indexText(root: Node, skip: (el: Element) => boolean): TextIndex {
  const doc = root.ownerDocument ?? (root as Document);
  const index: TextIndex = { text: '', nodes: [], offsets: [] };
  const push = (ch: string, node: Text, offset: number) => {
    index.text += ch;
    index.nodes.push(node);
    index.offsets.push(offset);
  };
  const walker = doc.createTreeWalker(root, 1 | 4, {
    acceptNode: (n) =>
      n.nodeType === 1 && (SKIP_TAGS.has((n as Element).tagName.toUpperCase()) || skip(n as Element)) ? 2 /* REJECT */ : 1,
  });
  let lastBlock: Element | null = null;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeType !== 3) continue;
    const node = n as Text;
    const value = node.data;
    const block = blockOf(node);
    // Two blocks read as two words even when no whitespace separates them in the markup.
    if (block !== lastBlock && index.text && !index.text.endsWith(' ')) push(' ', node, 0);
    lastBlock = block;
    for (let i = 0; i < value.length; i++) {
      const ch = value[i];
      if (INVISIBLE.test(ch) || MARK.test(ch)) continue;
      if (/\s/.test(ch)) {
        if (index.text && !index.text.endsWith(' ')) push(' ', node, i);
      } else push(ch, node, i);
    }
  }
  return index;
}

const normalise = (s: string) =>
  [...s].filter((ch) => !MARK.test(ch) && !INVISIBLE.test(ch)).join('').replace(/\s+/g, ' ').trim();

function firstWords(s: string, n: number): string {
  return s.split(' ').slice(0, n).join(' ');
}

function lastWords(s: string, n: number): string {
  return s.split(' ').slice(-n).join(' ');
}

/**
 * The ranges of the page that hold `quote` (one per part), searching from its paragraph on; empty when it is not
 * there. `visible` lets a match inside something the page does not show be passed over for the next one.
 */
export function findQuoteRanges(
  root: Node,
  quote: string,
  paragraph: string | null,
  options: { skip?: (el: Element) => boolean; visible?: (el: Element) => boolean } = {},
): Range[] {
  const skip = options.skip ?? (() => false);
  const visible = options.visible ?? (() => true);
  const index = indexText(root, skip);
  const doc = root.ownerDocument ?? (root as Document);
  const isShown = (at: number) => {
    const parent = index.nodes[at]?.parentElement;
    return parent ? visible(parent) : false;
  };
  const find = (needle: string, from: number): number => {
    if (!needle) return -1;
    for (let at = index.text.indexOf(needle, from); at >= 0; at = index.text.indexOf(needle, at + 1)) {
      if (isShown(at)) return at;
    }
    return -1;
  };
  let from = 0;
  if (paragraph) {
    const start = find(firstWords(normalise(paragraph), 12), 0);
    if (start >= 0) from = start;
  }
  const ranges: Range[] = [];
  for (const part of quote.split(' … ').map(normalise).filter(Boolean)) {
    let start = find(part, from);
    let end = start >= 0 ? start + part.length : -1;
    if (start < 0) {
      // Not word for word (a quotation over paragraphs, a repaired character): its first and last words bound it.
      const head = firstWords(part, 8);
      start = find(head, from);
      if (start < 0 && from > 0) start = find(head, 0);
      if (start < 0) continue;
      const tail = lastWords(part, 8);
      const tailAt = find(tail, start + head.length);
      end = tailAt >= 0 && tailAt - start < part.length * 2 ? tailAt + tail.length : start + head.length;
    }
    const range = doc.createRange();
    range.setStart(index.nodes[start], index.offsets[start]);
    range.setEnd(index.nodes[end - 1], index.offsets[end - 1] + 1);
    ranges.push(range);
    from = end;
  }
  return ranges;
}

type HighlightRegistry = { set(name: string, h: unknown): void; delete(name: string): boolean };

function highlightApi(): { registry: HighlightRegistry; make: (ranges: Range[]) => unknown } | null {
  const g = globalThis as { CSS?: { highlights?: HighlightRegistry }; Highlight?: new (...r: Range[]) => unknown };
  const registry = g.CSS?.highlights;
  const Highlight = g.Highlight;
  return registry && Highlight ? { registry, make: (ranges) => new Highlight(...ranges) } : null;
}

let clearCurrent: (() => void) | null = null;

/**
 * Scrolls the first range into view and highlights them all until the reader clicks somewhere or another quote
 * is shown. `styleParent` receives the highlight's style rules (null when the tree's stylesheet has them).
 */
export function showRanges(ranges: Range[], styleParent: ParentNode | null): void {
  clearCurrent?.();
  if (ranges.length === 0) return;
  const doc = ranges[0].startContainer.ownerDocument!;
  const api = highlightApi();
  const outlined: Element[] = [];
  if (api) api.registry.set(HIGHLIGHT_NAME, api.make(ranges));
  else {
    for (const r of ranges) {
      const block = blockOf(r.startContainer);
      if (block) {
        block.setAttribute(OUTLINE_ATTR, '');
        outlined.push(block);
      }
    }
  }
  let style: HTMLStyleElement | null = null;
  if (styleParent && !doc.getElementById(STYLE_ID)) {
    style = doc.createElement('style');
    style.id = STYLE_ID;
    style.textContent = HIGHLIGHT_CSS;
    styleParent.append(style);
  }
  // Smoothly, unless the reader asked for less motion or the tab is in the background (where it would not move).
  const instant = doc.hidden || (doc.defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? true);
  blockOf(ranges[0].startContainer)?.scrollIntoView?.({ block: 'center', behavior: instant ? 'auto' : 'smooth' });

  const clear = () => {
    if (clearCurrent !== clear) return;
    clearCurrent = null;
    api?.registry.delete(HIGHLIGHT_NAME);
    for (const el of outlined) el.removeAttribute(OUTLINE_ATTR);
    style?.remove();
    doc.removeEventListener('pointerdown', clear, true);
  };
  clearCurrent = clear;
  doc.addEventListener('pointerdown', clear, true);
}

/** Takes the highlight away (the reader view opens, the site moves to another article). */
export function clearQuoteHighlight(): void {
  clearCurrent?.();
}

/** What the content script loads when a quote is first clicked (entrypoints/quote-finder.ts). */
export const quoteFinder = { showQuoteOnPage, clearQuoteHighlight };
export type QuoteFinder = typeof quoteFinder;

/** The live page: the quote `index` of the analysis, found outside what Lede hides and outside the reader. */
export function showQuoteOnPage(doc: Document, analysis: Analysis, index: number): { found: boolean } {
  const quote = analysis.quotes[index];
  if (!quote || !doc.body) return { found: false };
  const ranges = findQuoteRanges(doc.body, quote.text, analysis.paragraphs[quote.paragraph] ?? null, {
    skip: (el) => el.hasAttribute(HIDDEN_ATTR),
    visible: (el) => (typeof el.checkVisibility === 'function' ? el.checkVisibility() : true),
  });
  showRanges(ranges, doc.head ?? doc.documentElement);
  return { found: ranges.length > 0 };
}
