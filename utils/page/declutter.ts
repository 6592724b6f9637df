// Hides what is not the story, in place and reversibly: one attribute per hidden element and one style rule.
// Inside the article (its header and body) only what is clearly clutter goes; around the article, everything
// goes (site header, rails, footer): the reader asked for the story, and one click brings the site back.
import { ownSiteLinkShare, visibleLength } from './site-links';
import { DECLUTTER_STYLE_ID as STYLE_ID, HIDDEN_ATTR } from './page-marks';
import type { StoryMap } from './story';

const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'LINK', 'META', 'TEMPLATE', 'NOSCRIPT', 'BR', 'HR', 'HEAD', 'TITLE']);
/** Longer than this, a box is not a promo or a newsletter pitch (about two short paragraphs). */
const PROMO_TEXT_MAX = 600;
const MEDIA_SELECTOR = 'img, picture, video, svg, canvas, audio, iframe, object, embed, math';

const CLUTTER_NAME =
  /(?:^|[\s_-])(?:newsletters?|subscri\w*|sign-?up|promos?|promoted|related|recirc\w*|teasers?|recommend\w*|more-?(?:news|stories|articles)|read-?more|share|sharing|social|advert\w*|ads?|ad-?(?:slot|unit|container|wrapper)|sponsor\w*|outbrain|taboola|paywall|cookies?|consent|popup|modal|overlay|rail|sidebar|widget|comments?|disqus|feed|editors?-?picks?|trending|most-?(?:read|popular))(?:$|[\s_-])/i;
// Names that say "this box sells something else" (not merely "widget" or "feed", which figures and embeds use too).
const PROMO_NAME =
  /(?:^|[\s_-])(?:newsletters?|subscri\w*|sign-?up|promos?|promoted|related|recirc\w*|teasers?|recommend\w*|advert\w*|ads?|sponsor\w*|outbrain|taboola|paywall|cookies?|consent)(?:$|[\s_-])/i;
// The words of promos, "read also" boxes, follow-us bars, comment forms and legal footers in the corpus languages
// (Readability has already left these out of the story; this tells a promo from the site's own prose).
// One regular expression, without the u flag: V8 compiles each on its first use on every page, and the u flag's
// case folding makes that cost about a millisecond (0.3 ms without it; every letter here is in the BMP, where
// the i flag alone folds à/À and ż/Ż). Global, so read it with search() and matchAll(), which ignore lastIndex.
const CLUTTER_TEXT = new RegExp(
  [
    // English
    'subscribe', 'newsletter', 'sign up', 'enter your e-?mail', 'indicates required', 'read more', 'read also',
    'related', 'recommended', 'advertisement', 'sponsored', 'follow us', 'most read', 'most popular',
    "editors'? picks", 'news feed', 'leave a comment', 'all rights reserved',
    // French
    "s'abonner", 'abonnez-vous', 'inscrivez-vous', 'lire aussi', '[àa] lire', 'voir aussi', 'articles? les plus lus',
    'suivez-nous', 'votre commentaire', 'tous droits réservés', 'articles correspondants', 'publicité',
    // German
    'abonnieren', 'lesen sie auch', 'auch lesen', 'mehr zum thema', 'weitere artikel', 'folge uns', 'folgen sie uns',
    'alle rechte vorbehalten', 'anzeige', 'kommentar schreiben',
    // Spanish, Portuguese, Italian
    'suscr[ií]bete', 'te puede interesar', 'le puede interesar', 'vea también', 'lee también', 'temas relacionados',
    'noticias relacionadas', 's[ií]guenos', 'derechos reservados', 'contenido patrocinado', 'veja também',
    'leia também', 'siga o', 'assine', 'leggi anche', 'potrebbe interessarti', 'iscriviti',
    // Polish and Nordic
    'czytaj (?:więcej|też|także)', 'zobacz (?:też|także)', 'inne artykuły', 'obserwuj nas', 'materiał chroniony prawem',
    'prawa zastrzeżone', 'les også', 'läs också', 'lue myös',
  ].join('|'),
  'gi',
);

const hasClutterWords = (text: string) => text.search(CLUTTER_TEXT) !== -1;
/** A label is this many words at most ("Advertisement", "Story continues below advertisement"). */
const LABEL_WORDS = 6;
/** What may come before a clutter phrase that opens a sentence or an item: nothing, an end of sentence, a separator. */
const OPENS = /(?:^|[.!?:;|•·»›–—(\[]\s*)$/;

/** Whether the clutter words of a short box (`text`, known to hold some) label it or open one of its lines ("Read
 * more: …", "Sponsored", "Subscribe to…"), rather than sit inside a sentence of the story ("This week's podcast is
 * sponsored by…", "employer-sponsored plans", "Keep up with our daily newsletter"). */
function saysClutter(el: Element, text: string): boolean {
  if (text.split(' ').length <= LABEL_WORDS) return true;
  const walker = el.ownerDocument.createTreeWalker(el, 4 /* text */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const line = (n.nodeValue ?? '').replace(/\s+/g, ' ').trim();
    if (!line) continue;
    if (clutterOpens(line)) return true;
  }
  return false;
}

/** Whether clutter words open `line` or a sentence or item of it, starting within its first `within` characters. */
export function clutterOpens(line: string, within = Infinity): boolean {
  for (const m of line.matchAll(CLUTTER_TEXT)) {
    if (m.index >= within) break;
    if (OPENS.test(line.slice(0, m.index))) return true;
  }
  return false;
}

/** Whether the element says by its tag, role or name that it is not the story (a rail, a form, a promo). */
function namedClutter(el: Element): boolean {
  const tag = el.tagName;
  if (tag === 'ASIDE' || tag === 'NAV' || tag === 'FORM' || tag === 'INS') return true;
  const role = el.getAttribute('role');
  if (role === 'complementary' || role === 'navigation' || role === 'dialog' || role === 'banner') return true;
  return CLUTTER_NAME.test(`${el.id} ${el.getAttribute('class') ?? ''}`);
}

/** Whether an element the story does not need looks like clutter even inside the article. */
export function looksLikeClutter(el: Element): boolean {
  if (namedClutter(el)) return true;
  if (el.querySelector('form, input, select, textarea, iframe')) return true;
  const raw = el.textContent ?? '';
  const visible = visibleLength(raw);
  if (visible === 0) return !el.querySelector(MEDIA_SELECTOR); // an empty box: an ad slot waiting for its ad
  if (visible < 400) {
    const text = raw.replace(/\s+/g, ' ').trim();
    if (text.length < 400 && hasClutterWords(text) && saysClutter(el, text)) return true;
  }
  // Quotations, tables, code and embedded posts are full of links and still the story.
  if (el.matches('blockquote, table, pre, [class*="tweet"], [class*="instagram-media"]')) return false;
  return ownSiteLinkShare(el, visible) > 0.5;
}

/** The elements to hide for this story. */
export function planDeclutter(story: StoryMap): Element[] {
  // What Readability kept inside a newsletter box or a promo (its logo, its pitch) is not story either; but a
  // name never outweighs the story itself: a box holding a long run of text is not a promo, whatever its class.
  // (asked for every piece of the story, so each box is judged once: its nearest promo ancestor decides)
  const promoBoxes = new Map<Element, boolean>();
  const insideClutter = (el: Element): boolean => {
    const e = el.parentElement;
    if (!e || e === story.root) return false;
    let v = promoBoxes.get(e);
    if (v === undefined) {
      const promo = PROMO_NAME.test(`${e.id} ${e.getAttribute('class') ?? ''}`) || e.tagName === 'FORM';
      v = promo ? (e.textContent?.length ?? 0) < PROMO_TEXT_MAX : insideClutter(e);
      promoBoxes.set(e, v);
    }
    return v;
  };
  const anchors = [...story.content.filter((el) => !insideClutter(el)), ...story.extras];
  const path = new Set<Element>();
  for (const a of anchors) for (let e: Element | null = a; e && !path.has(e); e = e.parentElement) path.add(e);
  const regions = [story.root, story.header].filter((r): r is Element => r !== null);
  const inRegion = (el: Element) => regions.some((r) => r.contains(el));
  const anchorSet = new Set(anchors);
  const hide: Element[] = [];
  for (const parent of path) {
    if (anchorSet.has(parent) && !regions.includes(parent)) continue; // an anchor's insides are story
    for (const child of parent.children) {
      if (path.has(child) || SKIP_TAGS.has(child.tagName) || child.hasAttribute(HIDDEN_ATTR)) continue;
      if (!inRegion(child) || looksLikeClutter(child)) hide.push(child);
    }
  }
  return hide;
}

export class Declutter {
  private hidden: Element[] = [];
  private observer: MutationObserver | null = null;

  constructor(
    private readonly doc: Document,
    private readonly story: StoryMap,
  ) {}

  get active(): boolean {
    return this.doc.getElementById(STYLE_ID) !== null;
  }

  get count(): number {
    return this.hidden.length;
  }

  apply(): void {
    if (!this.active) {
      const style = this.doc.createElement('style');
      style.id = STYLE_ID;
      style.textContent = `[${HIDDEN_ATTR}]{display:none!important}`;
      (this.doc.head ?? this.doc.documentElement).append(style);
    }
    this.hideAll(planDeclutter(this.story));
    this.watchLateContent();
  }

  /** Puts the page back exactly as it was. */
  revert(): void {
    this.observer?.disconnect();
    this.observer = null;
    for (const el of this.hidden) el.removeAttribute(HIDDEN_ATTR);
    this.hidden = [];
    this.doc.getElementById(STYLE_ID)?.remove();
  }

  private hideAll(elements: Element[]): void {
    for (const el of elements) {
      if (el.hasAttribute(HIDDEN_ATTR)) continue;
      el.setAttribute(HIDDEN_ATTR, '');
      this.hidden.push(el);
    }
  }

  // Newsletter boxes and teasers that scripts insert after load get the same treatment, batched per frame.
  private watchLateContent(): void {
    if (this.observer || typeof MutationObserver === 'undefined') return;
    let scheduled = false;
    this.observer = new MutationObserver((records) => {
      if (scheduled || !records.some((r) => r.addedNodes.length > 0)) return;
      scheduled = true;
      setTimeout(() => {
        scheduled = false;
        if (this.active) this.hideAll(planDeclutter(this.story));
      }, 50);
    });
    this.observer.observe(this.doc.body, { childList: true, subtree: true });
  }
}
