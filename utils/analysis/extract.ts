// Readability over a document the caller may sacrifice (a clone), turned into text blocks and clean metadata.
import { Readability } from '@mozilla/readability';
import { articleLd, ldNames, readJsonLd } from './jsonld';
import type { ArticleMeta } from './types';

export type BlockKind = 'paragraph' | 'heading' | 'list-item' | 'quote' | 'caption' | 'table' | 'code';

export interface Block {
  kind: BlockKind;
  text: string;
  /** Share of the block's text that sits inside links (teaser cards and link lists are near 1). */
  linkDensity: number;
}

export interface Extraction {
  meta: ArticleMeta;
  /** Readability's article element (its nodes are the sacrificed document's own nodes). */
  content: Element;
  blocks: Block[];
}

const BLOCK_TAGS = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'FOOTER', 'ASIDE', 'LI', 'UL', 'OL', 'DL', 'DT', 'DD',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'PRE', 'FIGURE', 'FIGCAPTION', 'TABLE', 'TR', 'TD', 'TH',
  'CAPTION', 'ADDRESS', 'DETAILS', 'SUMMARY',
]);

/**
 * Runs Readability on `sacrificial` (it is modified) and returns the story, or null when Readability finds none.
 * Metadata is read before parsing because Readability strips the scripts that carry JSON-LD; from `page` when
 * `sacrificial` is a copy of part of it (copyRegion).
 */
export function extractArticle(sacrificial: Document, url: string, page: Document = sacrificial): Extraction | null {
  const pageMeta = readPageMeta(page, url);
  const result = new Readability<Element>(sacrificial, { serializer: (el) => el as Element }).parse();
  if (!result?.content) return null;
  const meta: ArticleMeta = {
    title: clean(result.title) ?? pageMeta.title,
    byline: cleanByline(result.byline) ?? pageMeta.byline,
    siteName: clean(result.siteName) ?? pageMeta.siteName,
    publishedTime: normaliseDate(clean(result.publishedTime) ?? pageMeta.publishedTime),
    lang: normaliseLang(clean(result.lang) ?? pageMeta.lang),
    dir: clean(result.dir),
    // The publisher's own description first: Readability falls back to the first paragraph, which is no dek.
    excerpt: pageMeta.excerpt ?? clean(result.excerpt),
    image: pageMeta.image,
  };
  return { meta, content: result.content, blocks: textBlocks(result.content) };
}

/** What the page says about itself in its head, without Readability (also used for non-article pages). */
export function readPageMeta(doc: Document, url: string): ArticleMeta {
  const metaContent = (selector: string) => clean(doc.querySelector<HTMLMetaElement>(selector)?.content);
  const ld = articleLd(readJsonLd(doc));
  const ldString = (key: string) => (typeof ld?.[key] === 'string' ? clean(ld[key] as string) : null);
  const image = metaContent('meta[property="og:image"]') ?? metaContent('meta[name="twitter:image"]');
  return {
    title:
      ldString('headline') ??
      metaContent('meta[property="og:title"]') ??
      metaContent('meta[name="twitter:title"]') ??
      clean(doc.title),
    byline:
      (ld ? ldNames(ld.author).join(', ') || null : null) ??
      cleanByline(metaContent('meta[name="author"]') ?? metaContent('meta[property="article:author"]')),
    siteName: metaContent('meta[property="og:site_name"]') ?? metaContent('meta[name="application-name"]'),
    publishedTime: normaliseDate(
      ldString('datePublished') ??
        metaContent('meta[property="article:published_time"]') ??
        metaContent('meta[name="date"]') ??
        clean(doc.querySelector('time[datetime]')?.getAttribute('datetime')),
    ),
    lang: normaliseLang(clean(doc.documentElement.getAttribute('lang'))),
    dir: clean(doc.documentElement.getAttribute('dir')),
    excerpt:
      metaContent('meta[name="description"]') ??
      metaContent('meta[property="og:description"]') ??
      metaContent('meta[name="twitter:description"]'),
    image: image ? absolute(image, url) : null,
  };
}

/** Text blocks of the article in reading order: each text run grouped under its nearest block element. */
export function textBlocks(root: Element): Block[] {
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const blocks: Block[] = [];
  let current: { el: Element; text: string; linkText: number } | null = null;
  const flush = () => {
    if (!current) return;
    const text = current.text.replace(/\s+/g, ' ').trim();
    if (text) {
      blocks.push({
        kind: blockKind(current.el),
        text,
        linkDensity: Math.min(1, current.linkText / text.length),
      });
    }
    current = null;
  };
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('script,style,noscript,template')) continue;
    const block = nearestBlock(parent, root);
    if (!current || current.el !== block) {
      flush();
      current = { el: block, text: '', linkText: 0 };
    }
    const value = node.nodeValue ?? '';
    current.text += value;
    if (parent.closest('a')) current.linkText += value.replace(/\s+/g, ' ').trim().length;
    if (parent.tagName === 'BR') current.text += ' ';
  }
  flush();
  return blocks;
}

function nearestBlock(el: Element, root: Element): Element {
  for (let e: Element | null = el; e && e !== root; e = e.parentElement) if (BLOCK_TAGS.has(e.tagName)) return e;
  return root;
}

function blockKind(el: Element): BlockKind {
  if (el.closest('figcaption, figure, caption')) return 'caption';
  if (/^H[1-6]$/.test(el.tagName)) return 'heading';
  if (el.closest('pre, code')) return 'code';
  if (el.closest('table')) return 'table';
  if (el.tagName === 'LI' || el.closest('li')) return 'list-item';
  if (el.closest('blockquote')) return 'quote';
  return 'paragraph';
}

function clean(s: string | null | undefined): string | null {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t ? t : null;
}

/** "By Martin Fornusek" -> "Martin Fornusek"; bylines that are only a date or a URL are dropped. */
export function cleanByline(s: string | null | undefined): string | null {
  let t = clean(s);
  if (!t) return null;
  t = t.replace(/^(by|von|par|por|di|door|av|przez|autor(?:a|ka)?:?|written by)\s+/i, '').trim();
  if (/^https?:\/\//.test(t) || !/\p{L}/u.test(t)) return null;
  return t.length > 120 ? null : t;
}

/** An ISO date-time where the page gives one we can read; the page's own words otherwise. */
export function normaliseDate(s: string | null | undefined): string | null {
  const t = clean(s);
  if (!t) return null;
  if (/^\d{4}-\d{2}-\d{2}/.test(t)) return t; // already ISO: keep the publisher's own time zone and date
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? t : new Date(ms).toISOString();
}

function normaliseLang(s: string | null): string | null {
  if (!s) return null;
  try {
    return Intl.getCanonicalLocales(s.replace(/_/g, '-'))[0] ?? null;
  } catch {
    return null;
  }
}

function absolute(href: string, base: string): string | null {
  try {
    return new URL(href, base).href;
  } catch {
    return null;
  }
}
