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

const LANGUAGE_FOLDER = /^[a-z]{2}(?:[-_][a-z]{2})?$/i;
// /2019/11/18/, /2019/11/, 2021-04-20, 20190411 (also inside an id: AEN20190820002300325), /202311/17/,
// /2013/middle_east/8/3/.
const DATE_PATH =
  /\/(?:19|20)\d\d\/(?:0?[1-9]|1[0-2])(?:\/|$)|(?:19|20)\d\d-[01]\d-[0-3]\d|(?:^|\D)(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])|\/(?:19|20)\d\d(?:0[1-9]|1[0-2])\/[0-3]\d\/|\/(?:19|20)\d\d\/[a-z_-]+\/\d{1,2}\/\d{1,2}\//i;

/** Words of a path segment: letter runs of two or more, split at - _ . , + (a file extension dropped). */
export function segmentWords(segment: string): string[] {
  if (/^[0-9a-f-]{16,}$/i.test(segment)) return []; // a hash or UUID, not words
  return segment
    .replace(/\.[a-z0-9]{2,5}$/i, '')
    .split(/[-_.,+~:\s]+/)
    .filter((w) => /\p{L}\p{L}/u.test(w) || (/\p{L}/u.test(w) && /[\u3040-\u9fff\uac00-\ud7af]/.test(w)));
}

/** The shape of `url`, with the segment that decided it (for the explanation). */
export function urlShape(url: string): { shape: UrlShape; evidence: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { shape: 'unknown', evidence: '' };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { shape: 'unknown', evidence: '' };
  let path = u.pathname;
  // An archive or proxy wraps the page's own URL in its path: judge the wrapped URL.
  const wrapped = /\/(https?:\/\/?.*)$/.exec(path);
  if (wrapped) {
    try {
      const inner = new URL(wrapped[1].replace(/^(https?:)\/(?!\/)/, '$1//'));
      path = inner.pathname;
      u = inner;
    } catch {
      /* keep the outer path */
    }
  }
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    /* a broken escape: keep the raw path */
  }
  const segments = decoded.split('/').filter((s) => s !== '');
  const query = u.search.replace(/^\?/, '');

  // A search or tag query lists results, whatever the path.
  if (/(?:^|&)(?:q|s|query|search|keyword|tag)=/i.test(query)) return { shape: 'section', evidence: `?${query}` };
  const rest = segments.filter((s, i) => !(i === 0 && LANGUAGE_FOLDER.test(s)) && !/^index\.\w+$/i.test(s));
  if (rest.length === 0 && !/=[^&]*\d{4}/.test(query)) return { shape: 'home', evidence: '/' };

  for (const s of segments) {
    const lower = s.toLowerCase();
    const words = segmentWords(lower);
    if (SECTION_WORDS.has(lower.replace(/\.[a-z0-9]{2,5}$/, '')) || (words.length > 0 && SECTION_WORDS.has(words[0]))) {
      return { shape: 'section', evidence: s };
    }
  }

  const date = DATE_PATH.exec(decoded) ?? DATE_PATH.exec(`/${query}`);
  if (date) return { shape: 'date', evidence: date[0] };

  let longest = '';
  let longestWords = 0;
  for (const s of segments) {
    const n = segmentWords(s).length;
    if (n > longestWords) {
      longest = s;
      longestWords = n;
    }
  }
  if (longestWords >= 4) return { shape: 'slug', evidence: longest };

  for (let i = 0; i < segments.length - 1; i++) {
    if (STORY_WORDS.has(segments[i].toLowerCase())) return { shape: 'story-path', evidence: segments[i] };
  }
  const id = /\d{5,}/.exec(decoded) ?? /(?:^|&)\w*id=(\d{4,})/i.exec(query);
  if (id) return { shape: 'id', evidence: id[0] };
  return { shape: 'other', evidence: segments[segments.length - 1] ?? '' };
}
