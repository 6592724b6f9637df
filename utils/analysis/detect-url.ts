// The shape of a page's URL, as a hint of what the page is: a story has a dated path or a slug of several words;
// a home page has no path; search, tag, category, user, product, forum and about pages say so in their path.
// Generic words only: no site or domain is named anywhere.

export type UrlShape =
  /** Not an http(s) URL (a saved file, about:blank): no opinion. */
  | 'unknown'
  /** The site's root, or only a language folder ("/", "/en/", "/index.html"). */
  | 'home'
  /** A path folder names a page that is not a story: /search, /tag/, /category/, /user/, /product/, /forum/... */
  | 'section'
  /** A date in the path: /2019/11/18/, /2021-04-20/, /20190411-... */
  | 'date'
  /** A segment of four words or more: /how-to-retire-early-steps-for-early-retirement */
  | 'slug'
  /** A story folder followed by more path: /article/..., /news/..., /blog/... */
  | 'story-path'
  /** A long number in the path (a content id): /1331134/, n695001, ,198264.html */
  | 'id'
  | 'other';

// Folders that hold listings, products, people, discussions, media or site information rather than a story.
// Matched against a whole segment or the first word of a segment.
const SECTION_WORDS = new Set(
  (
    'search suche buscar busca recherche ricerca szukaj results ' +
    'tag tags tagged etiqueta etiquetas schlagwort stichwort ' +
    'category categories kategorie kategorien categoria categorie categoria rubrik rubrique ' +
    'user users member members profile profil profiles author autor ' +
    'product products produkt produkte produit produits producto productos prodotti shop store cart warenkorb checkout ' +
    'forum forums foren thread threads topic viewtopic showthread board boards community comments discussion questions ' +
    'video videos watch clip clips gallery galerie ' +
    'about uber ueber impressum imprint kontakt contact contacto contatti privacy datenschutz legal terms agb ' +
    'login signin signup register account ' +
    'event events veranstaltung veranstaltungen termine ' +
    'artist album track playlist episode episodes status ' +
    'jobs karriere careers'
  ).split(' '),
);

// Folders that hold stories, when more path follows them.
const STORY_WORDS = new Set(
  (
    'article articles artikel artykul artykuly story stories news noticia noticias nachrichten actualites actualite ' +
    'wiadomosci uutiset nyheter notizie blog blogs post posts journal opinion kolumnen'
  ).split(' '),
);

// No regular expressions below: each one costs V8 a compilation on the first page a tab opens (0.1-1 ms apiece,
// measured in Chromium), and this runs on every page. Plain character tests cost nothing up front.

const code = (s: string, i: number) => s.charCodeAt(i);
const isDigit = (c: number) => c >= 48 && c <= 57;
const isAsciiLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
/** Chinese, Japanese (kana and kanji) or Korean. */
export const isCjk = (c: number) => (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af);
/** A letter of Latin, Greek, Cyrillic, Hebrew, Arabic or Thai script, or a CJK character. */
const isLetter = (c: number) =>
  isAsciiLetter(c) ||
  (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) ||
  (c >= 0x370 && c <= 0x52f) ||
  (c >= 0x590 && c <= 0x6ff) ||
  (c >= 0xe00 && c <= 0xe7f) ||
  isCjk(c);
/** - _ . , + ~ : and space */
const isSeparator = (c: number) => c === 45 || c === 95 || c === 46 || c === 44 || c === 43 || c === 126 || c === 58 || c === 32;

/** Words of a path segment: runs with two letters in a row (or one CJK character), split at - _ . , + ~ : */
export function segmentWords(segment: string): string[] {
  if (segment.length >= 16 && isHexId(segment)) return []; // a hash or UUID, not words
  const words: string[] = [];
  const end = withoutExtension(segment).length;
  let start = 0;
  for (let i = 0; i <= end; i++) {
    if (i < end && !isSeparator(code(segment, i))) continue;
    if (i > start) {
      const word = segment.slice(start, i);
      if (isWord(word)) words.push(word);
    }
    start = i + 1;
  }
  return words;
}

function isWord(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = code(w, i);
    if (isCjk(c) || (isLetter(c) && i + 1 < w.length && isLetter(code(w, i + 1)))) return true;
  }
  return false;
}

function isHexId(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = code(s, i) | 0x20;
    if (!(isDigit(c) || (c >= 97 && c <= 102) || s[i] === '-')) return false;
  }
  return true;
}

/** "story.html" -> "story" (an extension of 2-5 letters or digits). */
function withoutExtension(s: string): string {
  const dot = s.lastIndexOf('.');
  const n = s.length - dot - 1;
  if (dot <= 0 || n < 2 || n > 5) return s;
  for (let i = dot + 1; i < s.length; i++) if (!isAsciiLetter(code(s, i)) && !isDigit(code(s, i))) return s;
  return s.slice(0, dot);
}

/** "en", "de", "pt-br", "en_GB": a language folder in front of a site's paths. */
function isLanguageFolder(s: string): boolean {
  if (s.length !== 2 && s.length !== 5) return false;
  if (!isAsciiLetter(code(s, 0)) || !isAsciiLetter(code(s, 1))) return false;
  return s.length === 2 || ((s[2] === '-' || s[2] === '_') && isAsciiLetter(code(s, 3)) && isAsciiLetter(code(s, 4)));
}

const number = (s: string, from: number, to: number) => Number(s.slice(from, to));
const isYear = (n: number) => n >= 1990 && n <= 2099;
const isMonth = (n: number) => n >= 1 && n <= 12;
const isDay = (n: number) => n >= 1 && n <= 31;

function allDigits(s: string): boolean {
  if (!s) return false;
  for (let i = 0; i < s.length; i++) if (!isDigit(code(s, i))) return false;
  return true;
}

/** A date inside one piece of text: 2021-04-20, or 20190411 (also at the head of a longer number). */
function dateIn(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    if (!isDigit(code(s, i)) || (i > 0 && isDigit(code(s, i - 1)))) continue;
    let j = i;
    while (j < s.length && isDigit(code(s, j))) j++;
    const run = j - i;
    if (run >= 8 && isYear(number(s, i, i + 4)) && isMonth(number(s, i + 4, i + 6)) && isDay(number(s, i + 6, i + 8)))
      return true;
    if (run === 4 && isYear(number(s, i, j)) && s[j] === '-' && allDigits(s.slice(j + 1, j + 3)) && s[j + 3] === '-') {
      if (isMonth(number(s, j + 1, j + 3)) && isDay(number(s, j + 4, j + 6)) && allDigits(s.slice(j + 4, j + 6))) return true;
    }
    i = j;
  }
  return false;
}

/** The path piece that dates the page: /2019/11/…, /2019/world/8/3/…, /202311/17/…, 2021-04-20, 20190411. */
function datedPath(segments: string[], query: string): string {
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    const next = segments[i + 1] ?? '';
    if (s.length === 4 && allDigits(s) && isYear(+s)) {
      if (next.length <= 2 && allDigits(next) && isMonth(+next)) return `/${s}/${next}/`;
      const m = segments[i + 2] ?? '';
      const d = segments[i + 3] ?? '';
      if (!allDigits(next) && m.length <= 2 && allDigits(m) && isMonth(+m) && d.length <= 2 && allDigits(d)) return `/${s}/${next}/${m}/${d}/`;
    }
    if (s.length === 6 && allDigits(s) && isYear(number(s, 0, 4)) && isMonth(number(s, 4, 6)) && next.length === 2 && allDigits(next))
      return `/${s}/${next}/`;
    if (dateIn(s)) return s;
  }
  return dateIn(query) ? `?${query}` : '';
}

/** The first run of at least `min` digits in `s`, or "". */
function digitRun(s: string, min: number): string {
  for (let i = 0; i < s.length; i++) {
    if (!isDigit(code(s, i))) continue;
    let j = i;
    while (j < s.length && isDigit(code(s, j))) j++;
    if (j - i >= min) return s.slice(i, j);
    i = j;
  }
  return '';
}

const SEARCH_PARAMS = new Set(['q', 's', 'query', 'search', 'keyword', 'keywords', 'tag']);

/** The shape of `url`, with the part that decided it (for the explanation). */
export function urlShape(url: string): { shape: UrlShape; evidence: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { shape: 'unknown', evidence: '' };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { shape: 'unknown', evidence: '' };
  // An archive or proxy wraps the page's own URL in its path: judge the wrapped URL.
  const http = u.pathname.indexOf('/http:/');
  const at = http >= 0 ? http : u.pathname.indexOf('/https:/');
  if (at >= 0) {
    const wrapped = u.pathname.slice(at + 1);
    try {
      u = new URL(wrapped.includes('://') ? wrapped : wrapped.replace(':/', '://'));
    } catch {
      /* keep the outer address */
    }
  }
  let path = u.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    /* a broken escape: keep the raw path */
  }
  const segments = path.split('/').filter((s) => s !== '');
  const query = u.search.slice(1);
  // forEach, not the iterator: in Firefox content scripts URLSearchParams' iterator is not iterable.
  const params: [string, string][] = [];
  u.searchParams.forEach((v, k) => params.push([k, v]));

  // A search or tag query lists results, whatever the path.
  if (params.some(([k]) => SEARCH_PARAMS.has(k.toLowerCase()))) return { shape: 'section', evidence: `?${query}` };
  const rest = segments.filter((s, i) => !(i === 0 && isLanguageFolder(s)) && !s.toLowerCase().startsWith('index.'));
  if (rest.length === 0 && !params.some(([, v]) => digitRun(v, 4))) return { shape: 'home', evidence: '/' };

  const words = segments.map((s) => segmentWords(s.toLowerCase()));
  for (let i = 0; i < segments.length; i++) {
    const w = words[i];
    if (SECTION_WORDS.has(withoutExtension(segments[i].toLowerCase())) || (w.length > 0 && SECTION_WORDS.has(w[0]))) {
      return { shape: 'section', evidence: segments[i] };
    }
  }

  const date = datedPath(segments, query);
  if (date) return { shape: 'date', evidence: date };

  let longest = '';
  let longestWords = 0;
  segments.forEach((s, i) => {
    if (words[i].length > longestWords) {
      longest = s;
      longestWords = words[i].length;
    }
  });
  if (longestWords >= 4) return { shape: 'slug', evidence: longest };

  for (let i = 0; i < segments.length - 1; i++) {
    if (STORY_WORDS.has(segments[i].toLowerCase())) return { shape: 'story-path', evidence: segments[i] };
  }
  const id = digitRun(path, 5) || params.find(([k, v]) => k.toLowerCase().endsWith('id') && digitRun(v, 4))?.join('=');
  if (id) return { shape: 'id', evidence: id };
  return { shape: 'other', evidence: segments[segments.length - 1] ?? '' };
}
