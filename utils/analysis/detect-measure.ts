// What article detection reads from a page: a handful of bounded DOM queries on the live document.
// It runs on every page the user visits, so it makes no clone, reads no layout or style, and does not walk every
// node: a few querySelectorAll calls, textContent lengths, and caps on how many elements it looks at.
import { ldTypes, readJsonLd, type LdNode } from './jsonld';
import { urlShape, type UrlShape } from './detect-url';

export interface PageMeasures {
  /** schema.org types the page declares, in JSON-LD (top level and @graph) or microdata (itemtype). */
  schemaTypes: string[];
  /** What those types say: a story type (NewsArticle, BlogPosting...) wins over a non-story type (Product...). */
  schema: 'story' | 'non-story' | 'none';
  /** The type that decided `schema` ("" when none). */
  schemaType: string;
  /** og:type, lower-cased ("" when absent). */
  ogType: string;
  /** Whether the page gives a publication date in its metadata (meta tags, JSON-LD or microdata of a story). */
  publishedDate: boolean;
  /** Whether an author is named: meta author, rel=author, itemprop=author, a byline element or a JSON-LD author. */
  byline: boolean;
  url: UrlShape;
  /** The part of the URL that decided its shape. */
  urlEvidence: string;
  /** Whether the page is written in Chinese, Japanese or Korean (its lengths are multiplied by CJK_WEIGHT). */
  cjk: boolean;
  /** Prose characters in the block that holds the most (long paragraphs only, link text left out). */
  mainChars: number;
  /** Prose characters in long paragraphs anywhere on the page. */
  proseChars: number;
  /** Length of the page's headline: its first h1, else og:title. */
  headlineChars: number;
  /** What marks the main block as a story's body: an <article> around it, or a class/id such as "article-body". */
  container: string;
  /** What the class names on <html> and <body> call the page (CMS templates name their page kinds there). */
  pageClass: 'story' | 'non-story' | 'none';
  /** The class that decided `pageClass`. */
  pageClassToken: string;
}

/** A paragraph counts as prose from this many characters (about 15 words). */
export const LONG_PARAGRAPH = 80;
/** One Chinese, Japanese or Korean character carries about as much as three Latin letters. */
export const CJK_WEIGHT = 3;
/** At most this many p/pre elements are read (a page is an article long before that). */
const MAX_PARAGRAPHS = 600;
/** At most this many microdata items are looked at. */
const MAX_MICRODATA = 40;

const CJK_LANG = /^(?:zh|ja|ko)\b/i;
const CJK_CHARS = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/g;

const DATE_META = [
  'meta[property="article:published_time"]',
  'meta[property="og:published_time"]',
  'meta[name="date" i]',
  'meta[name="pubdate" i]',
  'meta[name="publishdate" i]',
  'meta[name="publish-date" i]',
  'meta[name="dc.date" i]',
  'meta[name="dc.date.issued" i]',
  'meta[name="dcterms.created" i]',
  'meta[name="sailthru.date" i]',
  'meta[name="parsely-pub-date" i]',
].join(', ');

const BYLINE = [
  'meta[name="author" i]',
  'meta[property="article:author"]',
  'a[rel~="author"]',
  '[itemprop~="author"]',
  '[class*="byline" i]',
  '[class*="author" i]',
].join(', ');

/** schema.org types of a story, besides every type whose name ends in "Article" (NewsArticle, ReportageNewsArticle...). */
const STORY_TYPES = new Set(['BlogPosting', 'LiveBlogPosting', 'Report', 'Review', 'Recipe', 'HowTo']);
/** schema.org types of pages that are not stories: things, media, people, listings, discussions, events. */
const NON_STORY_TYPES = new Set([
  'Product', 'ProductGroup', 'IndividualProduct', 'Offer', 'AggregateOffer', 'Car', 'Vehicle', 'Book',
  'SoftwareApplication', 'MobileApplication', 'WebApplication', 'VideoGame', 'SoftwareSourceCode', 'Dataset',
  'ProfilePage', 'VideoObject', 'AudioObject', 'MusicRecording', 'MusicAlbum', 'MusicGroup', 'MusicPlaylist',
  'PodcastEpisode', 'PodcastSeries', 'RadioEpisode', 'Movie', 'TVSeries', 'TVEpisode', 'Event',
  'SearchResultsPage', 'CollectionPage', 'ItemPage', 'CheckoutPage', 'ContactPage', 'AboutPage',
  'DiscussionForumPosting', 'SocialMediaPosting', 'QAPage', 'FAQPage', 'JobPosting', 'Course',
  'RealEstateListing', 'ImageGallery', 'MediaGallery', 'LocalBusiness', 'Restaurant', 'Hotel', 'Store',
]);

export function isStoryType(t: string): boolean {
  return STORY_TYPES.has(t) || (t.endsWith('Article') && t !== 'AdvertiserContentArticle');
}

export function isNonStoryType(t: string): boolean {
  return NON_STORY_TYPES.has(t) || (t.endsWith('Event') && t.length > 5);
}

const typeName = (iri: string) => iri.replace(/^.*[/#]/, '');

export function measurePage(doc: Document, url: string, ld: LdNode[] = readJsonLd(doc)): PageMeasures {
  const meta = (selector: string) => doc.querySelector<HTMLMetaElement>(selector)?.content?.trim() ?? '';

  // Declared types: JSON-LD, then microdata.
  const schemaTypes = ld.flatMap(ldTypes);
  const items = doc.querySelectorAll('[itemscope][itemtype]');
  for (let i = 0; i < items.length && i < MAX_MICRODATA; i++) {
    for (const t of (items[i].getAttribute('itemtype') ?? '').split(/\s+/)) if (t) schemaTypes.push(typeName(t));
  }
  const story = schemaTypes.find(isStoryType);
  const nonStory = story ? undefined : schemaTypes.find(isNonStoryType);

  const lang = doc.documentElement?.getAttribute('lang') ?? '';
  const title = doc.title ?? '';
  const paragraphs = doc.querySelectorAll('p, pre');
  const cjk = CJK_LANG.test(lang) || mostlyCjk(title) || mostlyCjk(firstText(paragraphs));
  const weight = cjk ? CJK_WEIGHT : 1;

  // A publication date in metadata. Books, products, podcasts and events have dates too: those do not count.
  let publishedDate =
    doc.querySelector(DATE_META) !== null ||
    ld.some((n) => typeof n.datePublished === 'string' && !ldTypes(n).some(isNonStoryType));
  if (!publishedDate) {
    for (const el of doc.querySelectorAll('[itemprop~="datePublished"]')) {
      const scope = el.closest('[itemscope]')?.getAttribute('itemtype') ?? '';
      if (!isNonStoryType(typeName(scope.trim()))) {
        publishedDate = true;
        break;
      }
    }
  }

  const byline = doc.querySelector(BYLINE) !== null || ld.some((n) => n.author !== undefined && n.author !== null);

  // Long paragraphs, grouped by the block two levels up (a story's paragraphs share it even when each sits in its
  // own wrapper). The biggest group is the main text.
  const blocks = new Map<Element, number>();
  let proseChars = 0;
  let mainChars = 0;
  let main: Element | null = null;
  for (let i = 0; i < paragraphs.length && i < MAX_PARAGRAPHS; i++) {
    const p = paragraphs[i];
    const prose = proseLength(p, weight);
    if (prose === 0) continue;
    proseChars += prose;
    const parent = p.parentElement;
    const block = parent?.parentElement ?? parent ?? p;
    const chars = (blocks.get(block) ?? 0) + prose;
    blocks.set(block, chars);
    if (chars > mainChars) {
      mainChars = chars;
      main = block;
    }
  }
  const container = main ? storyContainer(main) : '';

  const h1 = doc.querySelector('h1');
  const headline = h1 ? (h1.textContent ?? '').trim() : meta('meta[property="og:title"]');
  // A saved page (file://, about:blank) says nothing by its address: the address it declares for itself does.
  let shape = urlShape(url);
  if (shape.shape === 'unknown') {
    const declared =
      doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href') ?? meta('meta[property="og:url"]');
    if (declared && /^https?:\/\//i.test(declared)) {
      shape = urlShape(declared);
      if (shape.shape !== 'unknown') shape.evidence = `declared ${shape.evidence}`;
    }
  }
  return {
    schemaTypes,
    schema: story ? 'story' : nonStory ? 'non-story' : 'none',
    schemaType: story ?? nonStory ?? '',
    ogType: meta('meta[property="og:type"]').toLowerCase(),
    publishedDate,
    byline,
    url: shape.shape,
    urlEvidence: shape.evidence,
    cjk,
    mainChars,
    proseChars,
    headlineChars: headline.length * weight,
    container,
    ...pageClass(doc),
  };
}

function mostlyCjk(text: string): boolean {
  const t = text.replace(/\s+/g, '');
  return t.length > 0 && (t.match(CJK_CHARS)?.length ?? 0) * 2 > t.length;
}

/** The start of the first paragraph with some text (a page without a lang attribute still shows its script). */
function firstText(paragraphs: NodeListOf<Element>): string {
  for (let i = 0; i < paragraphs.length && i < 30; i++) {
    const t = paragraphs[i].textContent ?? '';
    if (t.trim().length >= 20) return t.slice(0, 200);
  }
  return '';
}

/** Characters of prose in `el` outside links: 0 when it is not a long paragraph or is mostly link text. */
function proseLength(el: Element, weight: number): number {
  const chars = (el.textContent?.length ?? 0) * weight;
  if (chars < LONG_PARAGRAPH) return 0;
  let linkChars = 0;
  const links = el.getElementsByTagName('a');
  for (let j = 0; j < links.length; j++) linkChars += (links[j].textContent?.length ?? 0) * weight;
  if (linkChars * 2 > chars || chars - linkChars < LONG_PARAGRAPH) return 0;
  return chars - linkChars;
}

/** Words of a class name or id: "article-body", "articleBody" and "article_body" all give article, body. */
function classWords(token: string): string[] {
  return token
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .split(/[^a-z]+/);
}

const STORY_WORDS = new Set(['article', 'articles', 'articlebody', 'story', 'entry', 'post', 'news', 'blog', 'artikel', 'noticia', 'nota']);
const isStoryName = (names: string) => names.split(/\s+/).find((t) => classWords(t).some((w) => STORY_WORDS.has(w)));

/** The first mark of a story body on `el` or up to 8 of its ancestors ("" when none). */
function storyContainer(el: Element): string {
  let e: Element | null = el;
  for (let k = 0; e && k < 9; k++, e = e.parentElement) {
    if (e.tagName === 'ARTICLE') return 'article';
    if (e.getAttribute('itemprop')?.includes('articleBody')) return 'articleBody';
    const cls = e.getAttribute('class');
    const byClass = cls ? isStoryName(cls) : undefined;
    if (byClass) return `.${byClass}`;
    if (e.id && isStoryName(e.id)) return `#${e.id}`;
  }
  return '';
}

// Class names CMS templates put on <html> and <body>: a single post or article, or else a home page, a static page,
// an archive, a listing.
const STORY_PAGE_WORDS = new Set(['article', 'articles', 'story', 'stories']);
const STORY_PAGE_CLASSES = /^(?:single-post|singular-post|single-article|single-news|post-template-default|node-type-(?:blog|story|news)\S*)$/i;
const NON_STORY_PAGE_CLASSES =
  /^(?:home|homepage|front|page-template-default|archive|category|tag|search|search-results|blog|error404|single-product|woocommerce-page|node-type-page|page-node-type-page|post-type-archive|tax-\S+|page-id-\d+)$/i;

/** "article-page", "ArticlePage-body", "page-article": a short class that starts or ends with article/story. */
function namesStory(token: string): boolean {
  const words = classWords(token).filter((w) => w !== '');
  return words.length <= 4 && (STORY_PAGE_WORDS.has(words[0]) || STORY_PAGE_WORDS.has(words[words.length - 1]));
}

function pageClass(doc: Document): { pageClass: PageMeasures['pageClass']; pageClassToken: string } {
  const tokens = `${doc.documentElement?.getAttribute('class') ?? ''} ${doc.body?.getAttribute('class') ?? ''}`
    .split(/\s+/)
    .filter((t) => t.length > 1);
  const story = tokens.find((t) => STORY_PAGE_CLASSES.test(t) || namesStory(t));
  if (story) return { pageClass: 'story', pageClassToken: story };
  const nonStory = tokens.find((t) => NON_STORY_PAGE_CLASSES.test(t));
  if (nonStory) return { pageClass: 'non-story', pageClassToken: nonStory };
  return { pageClass: 'none', pageClassToken: '' };
}
