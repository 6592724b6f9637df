// What article detection reads from a page: a handful of bounded DOM queries on the live document.
// It runs on every page the user visits, so it makes no clone, reads no layout or style, and does not walk every
// node: a few querySelectorAll calls, textContent lengths, and caps on how many elements it looks at.
import { ldTypes, readJsonLd, typeName } from './jsonld';
import { isCjk, urlShape, type UrlShape } from './detect-url';
import { declaredNonStory } from './detect-model';

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
  /**
   * False when the page's text was not read (mainChars, proseChars, container are 0 or empty, byline is what the
   * markup says): the verdict alone was asked for, and the page declares itself something other than a story.
   */
  textRead: boolean;
}

/** A paragraph counts as prose from this many characters (about 15 words). */
export const LONG_PARAGRAPH = 80;
/** One Chinese, Japanese or Korean character carries about as much as three Latin letters. */
export const CJK_WEIGHT = 3;
/** At most this many p/pre elements are read (a page is an article long before that). */
const MAX_PARAGRAPHS = 400;
/** Reading stops once this much prose is found: the main-text signal is at its maximum long before. */
const MAX_PROSE = 40_000;
/** At most this many microdata types are kept. */
const MAX_TYPES = 40;

// Few regular expressions here, and none on the way of every page: V8 compiles each one on its first use, which
// costs 0.1-1 ms apiece on the first page a tab opens (measured in Chromium). Plain string tests cost nothing up front.

/** Whitespace-separated tokens of an attribute (class, itemtype). */
function tokens(value: string | null | undefined): string[] {
  const out: string[] = [];
  if (!value) return out;
  let start = -1;
  for (let i = 0; i <= value.length; i++) {
    const c = i < value.length ? value.charCodeAt(i) : 32;
    const space = c === 32 || c === 10 || c === 9 || c === 13 || c === 12;
    if (!space && start < 0) start = i;
    else if (space && start >= 0) {
      out.push(value.slice(start, i));
      start = -1;
    }
  }
  return out;
}

function isCjkLang(lang: string): boolean {
  const l = lang.slice(0, 2).toLowerCase();
  return (l === 'zh' || l === 'ja' || l === 'ko') && (lang.length === 2 || lang[2] === '-' || lang[2] === '_');
}

// Meta tags that give a publication date, by property or name (lower-cased).
const DATE_META = new Set([
  'article:published_time',
  'og:published_time',
  'date',
  'pubdate',
  'publishdate',
  'publish-date',
  'dc.date',
  'dc.date.issued',
  'dcterms.created',
  'sailthru.date',
  'parsely-pub-date',
]);
// Meta tags come from the tag collection (anywhere: a page's own parser may have put them in <body>), which the
// browser keeps ready; microdata items, datePublished and author properties and rel=author links from one
// selector. The canonical link is read only when the address says nothing (a saved page).
const MICRODATA = '[itemscope][itemtype], [itemprop~="datePublished"], [itemprop~="author"], a[rel~="author"]';
const MAX_MARKUP = 400;

interface Markup {
  ogType: string;
  ogTitle: string;
  ogUrl: string;
  author: boolean;
  date: boolean;
  types: string[];
}

function readMarkup(doc: Document): Markup {
  const out: Markup = { ogType: '', ogTitle: '', ogUrl: '', author: false, date: false, types: [] };
  const metas = doc.getElementsByTagName('meta');
  for (let i = 0; i < metas.length && i < MAX_MARKUP; i++) {
    const el = metas[i];
    const key = el.getAttribute('property') || el.getAttribute('name');
    if (!key) continue;
    const k = key.toLowerCase();
    if (k === 'og:type') out.ogType ||= content(el).toLowerCase();
    else if (k === 'og:title') out.ogTitle ||= content(el);
    else if (k === 'og:url') out.ogUrl ||= content(el);
    else if (k === 'author' || k === 'article:author') out.author ||= content(el) !== '';
    else if (DATE_META.has(k)) out.date ||= content(el) !== '';
  }
  const found = doc.querySelectorAll(MICRODATA);
  for (let i = 0; i < found.length && i < MAX_MARKUP; i++) {
    const el = found[i];
    if (el.tagName === 'A' && !el.hasAttribute('itemprop')) {
      out.author = true; // rel=author
      continue;
    }
    const prop = el.getAttribute('itemprop');
    if (prop?.includes('author')) out.author = true;
    if (prop?.includes('datePublished') && !out.date) {
      // A book's, a product's or an event's date is not a story's publication date.
      const scope = el.closest('[itemscope]')?.getAttribute('itemtype') ?? '';
      out.date = !isNonStoryType(typeName(scope.trim()));
    }
    if (out.types.length < MAX_TYPES && el.hasAttribute('itemscope')) {
      for (const t of tokens(el.getAttribute('itemtype'))) out.types.push(typeName(t));
    }
  }
  return out;
}

const content = (el: Element) => (el.getAttribute('content') ?? '').trim();

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


/**
 * Everything detection reads of the page. `verdictOnly`: what the verdict needs and no more. A page that declares
 * itself something other than a story (a product, a book, an event: declaredNonStory) is not an article whatever
 * its text weighs, so its text is not read (`textRead` false): a fifth of the corpus' other pages, shops among them.
 */
export function measurePage(doc: Document, url: string, { verdictOnly = false } = {}): PageMeasures {
  const ld = readJsonLd(doc);
  const markup = readMarkup(doc);
  const schemaTypes = [...ld.flatMap(ldTypes), ...markup.types];
  const story = schemaTypes.find(isStoryType);
  const nonStory = story ? undefined : schemaTypes.find(isNonStoryType);
  const schema = story ? 'story' : nonStory ? 'non-story' : 'none';
  const schemaType = story ?? nonStory ?? '';
  // Books, products, podcasts and events have dates too: those do not count.
  const publishedDate =
    markup.date || ld.some((n) => typeof n.datePublished === 'string' && !ldTypes(n).some(isNonStoryType));
  const textRead = !verdictOnly || declaredNonStory({ schema, schemaType }) === null;

  // Chinese, Japanese or Korean: by the page's lang, its title, else the first paragraph with some text.
  const cjkByLang = isCjkLang(doc.documentElement?.getAttribute('lang') ?? '') || mostlyCjk(doc.title ?? '');
  const { proseChars, mainChars, main, cjk } = textRead
    ? proseBlocks(doc, cjkByLang || null)
    : { proseChars: 0, mainChars: 0, main: null, cjk: cjkByLang };
  const container = main ? storyContainer(main) : '';

  // An author: in metadata, in rel/itemprop markup, or a byline/author class around the main text (a class search
  // over the whole page would cost too much on every page).
  const region = main?.parentElement?.parentElement ?? main;
  const byline =
    markup.author ||
    ld.some((n) => n.author !== undefined && n.author !== null) ||
    (region?.querySelector('[class*="byline" i], [class*="author" i]') ?? null) !== null;

  const h1 = doc.querySelector('h1');
  const headline = h1 ? (h1.textContent ?? '').trim() : markup.ogTitle;
  // A saved page (file://, about:blank) says nothing by its address: the address it declares for itself does.
  let shape = urlShape(url);
  if (shape.shape === 'unknown') {
    const declared = doc.querySelector('link[rel~="canonical"]')?.getAttribute('href') || markup.ogUrl;
    if (declared && (declared.startsWith('http://') || declared.startsWith('https://'))) {
      shape = urlShape(declared);
      if (shape.shape !== 'unknown') shape.evidence = `declared ${shape.evidence}`;
    }
  }
  return {
    schemaTypes,
    schema,
    schemaType,
    ogType: markup.ogType,
    publishedDate,
    byline,
    url: shape.shape,
    urlEvidence: shape.evidence,
    cjk,
    mainChars,
    proseChars,
    headlineChars: headline.length * (cjk ? CJK_WEIGHT : 1),
    container,
    ...pageClass(doc),
    textRead,
  };
}

export interface ProseBlocks {
  /** Prose characters per block (the element two levels above its long paragraphs). */
  blocks: Map<Element, number>;
  /** Prose characters in long paragraphs anywhere on the page (as far as read). */
  proseChars: number;
  /** The block with the most prose (the main text), and how much it holds. */
  main: Element | null;
  mainChars: number;
  cjk: boolean;
}

/**
 * Long paragraphs, grouped by the block two levels up (a story's paragraphs share it even when each sits in its own
 * wrapper); the biggest group is the main text. `cjk` null: decided by the first paragraph with some text.
 * Detection reads a bounded part of the page (`capped`); the story's region reads it all.
 */
export function proseBlocks(doc: Document, cjk: boolean | null, capped = true): ProseBlocks {
  const blocks = new Map<Element, number>();
  let proseChars = 0;
  let mainChars = 0;
  let main: Element | null = null;
  const maxParagraphs = capped ? MAX_PARAGRAPHS : Infinity;
  const maxProse = capped ? MAX_PROSE : Infinity;
  const paragraphs = doc.querySelectorAll('p, pre');
  for (let i = 0; i < paragraphs.length && i < maxParagraphs && proseChars < maxProse; i++) {
    const p = paragraphs[i];
    const text = p.textContent ?? '';
    if (cjk === null && text.length >= 20) cjk = mostlyCjk(text.slice(0, 200));
    const prose = proseLength(p, text.length, cjk ? CJK_WEIGHT : 1);
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
  return { blocks, proseChars, main, mainChars, cjk: cjk === true };
}

function mostlyCjk(text: string): boolean {
  let cjk = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isCjk(c)) cjk++;
    else if (c > 32) other++;
  }
  return cjk > other;
}

/** Characters of prose in `el` (whose text is `length` long) outside links: 0 when it is not a long paragraph or is
 * mostly link text. */
function proseLength(el: Element, length: number, weight: number): number {
  const chars = length * weight;
  if (chars < LONG_PARAGRAPH) return 0;
  if (el.childElementCount === 0) return chars; // plain text: no links to leave out
  let linkChars = 0;
  const links = el.getElementsByTagName('a');
  for (let j = 0; j < links.length; j++) linkChars += (links[j].textContent?.length ?? 0) * weight;
  if (linkChars * 2 > chars || chars - linkChars < LONG_PARAGRAPH) return 0;
  return chars - linkChars;
}

/** Words of a class name or id: "article-body", "articleBody" and "article_body" all give article, body. */
function classWords(token: string): string[] {
  const words: string[] = [];
  let word = '';
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    const upper = c >= 65 && c <= 90;
    const lower = c >= 97 && c <= 122;
    if (upper && word && !isUpper(word.charCodeAt(word.length - 1))) {
      words.push(word.toLowerCase());
      word = '';
    }
    if (upper || lower) word += token[i];
    else if (word) {
      words.push(word.toLowerCase());
      word = '';
    }
  }
  if (word) words.push(word.toLowerCase());
  return words;
}
const isUpper = (c: number) => c >= 65 && c <= 90;

const STORY_WORDS = new Set(['article', 'articles', 'articlebody', 'story', 'entry', 'post', 'news', 'blog', 'artikel', 'noticia', 'nota']);
// Every story word holds one of these: a name without any is settled by a native search, not split into words.
const STORY_STEMS = ['articl', 'story', 'entry', 'post', 'news', 'blog', 'artikel', 'noticia', 'nota'];
const mayNameStory = (token: string) => {
  const l = token.toLowerCase();
  return STORY_STEMS.some((s) => l.includes(s));
};
const isStoryName = (names: string) => tokens(names).find((t) => mayNameStory(t) && classWords(t).some((w) => STORY_WORDS.has(w)));

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
const STORY_PAGE_CLASSES = new Set(['single-post', 'singular-post', 'single-article', 'single-news', 'post-template-default']);
const STORY_PAGE_PREFIXES = ['node-type-blog', 'node-type-story', 'node-type-news'];
const NON_STORY_PAGE_CLASSES = new Set([
  'home', 'homepage', 'front', 'page-template-default', 'archive', 'category', 'tag', 'search', 'search-results',
  'blog', 'error404', 'single-product', 'woocommerce-page', 'node-type-page', 'page-node-type-page', 'post-type-archive',
]);
const NON_STORY_PAGE_PREFIXES = ['tax-', 'page-id-'];

function storyPageClass(t: string): boolean {
  const l = t.toLowerCase();
  return (
    STORY_PAGE_CLASSES.has(l) ||
    STORY_PAGE_PREFIXES.some((p) => l.startsWith(p)) ||
    ((l.includes('article') || l.includes('stor')) && namesStory(t))
  );
}
function nonStoryPageClass(t: string): boolean {
  const l = t.toLowerCase();
  return NON_STORY_PAGE_CLASSES.has(l) || NON_STORY_PAGE_PREFIXES.some((p) => l.startsWith(p) && l.length > p.length);
}

/** "article-page", "ArticlePage-body", "page-article": a short class that starts or ends with article/story. */
function namesStory(token: string): boolean {
  const words = classWords(token);
  return words.length <= 4 && (STORY_PAGE_WORDS.has(words[0]) || STORY_PAGE_WORDS.has(words[words.length - 1]));
}

function pageClass(doc: Document): { pageClass: PageMeasures['pageClass']; pageClassToken: string } {
  const classes = [...tokens(doc.documentElement?.getAttribute('class')), ...tokens(doc.body?.getAttribute('class'))].filter(
    (t) => t.length > 1,
  );
  const story = classes.find(storyPageClass);
  if (story) return { pageClass: 'story', pageClassToken: story };
  const nonStory = classes.find(nonStoryPageClass);
  if (nonStory) return { pageClass: 'non-story', pageClassToken: nonStory };
  return { pageClass: 'none', pageClassToken: '' };
}
