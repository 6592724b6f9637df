// Which quotation marks open and close a quotation, in every common style:
// “…” "…" ‘…’ '…' «…» „…“ „…” ‚…‘ »…« ‹…› 「…」 『…』, nested quotations, quotations that run over several
// paragraphs (opening mark repeated at each paragraph start, closing mark only at the end), and apostrophes
// (it's, don’t, Kirby’s, the students’ books) that must never open or close anything.
// One linear pass per paragraph; no regular expression here can backtrack.

/** One stretch of quoted text inside one paragraph. */
export interface MarkedSpan {
  paragraph: number;
  /** Offset of the opening mark. */
  open: number;
  /** Offset of the closing mark, or the paragraph's length when the quotation runs on into the next paragraph. */
  close: number;
  /** Offset just after the closing mark (marks can be two characters: ''…'' as some newspapers type them). */
  after: number;
  /** The quoted text without its marks, trimmed: paragraphs[paragraph].slice(start, end). */
  start: number;
  end: number;
  /** The opening mark. */
  mark: string;
  closed: boolean;
}

/** A quotation as the page marks it: one span, or one per paragraph when it runs over several paragraphs. */
export interface MarkedQuotation {
  spans: MarkedSpan[];
}

// Opening mark -> the marks that may close it (typography on the web is mixed: “…" and „…” both occur).
const CLOSERS: Record<string, string> = {
  '“': '”"“',
  '„': '“”"',
  '”': '”',
  '"': '"”“',
  '‘': '’‘',
  '‚': '‘’',
  "'": "'’",
  '«': '»',
  '»': '«»',
  '‹': '›',
  '›': '‹›',
  '「': '」',
  '『': '』',
};

const MAX_DEPTH = 6;
const QUOTE_CHAR = /["'`“”„‘’‚«»‹›「」『』]/g;
const DOUBLE_FAMILY: Record<string, string> = { '“': 'd', '”': 'd', '"': 'd', '„': 'd', '«': 'g', '»': 'g', '「': 'k', '『': 'k2', '‘': 's', "'": 's', '‚': 's', '‹': 'sg', '›': 'sg' };

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{M}\p{N}]/u.test(c);
const isLetter = (c: string | undefined) => c !== undefined && /[\p{L}\p{M}]/u.test(c);
// Characters after which a mark can only be opening: start, space, brackets, dashes, slash, colon, other openers.
const isOpenBefore = (c: string | undefined) => c === undefined || /[\s([{\/—–\-:;“„‘‚«»‹›「『"']/.test(c);
// Characters after which a mark may be closing: end, space, punctuation, closing brackets, other closers.
const isCloseAfter = (c: string | undefined) =>
  c === undefined || /[\s.,;:!?)\]}…—–\-/”"’'»«›‹」』“‘]/.test(c);

interface Open {
  mark: string;
  at: number;
  /** 1, or 2 for '' and `` typed for a double quotation mark. */
  width: number;
}

interface Segment extends MarkedSpan {
  depth: number;
}

function segment(p: string, paragraph: number, open: Open, close: number, closeWidth: number, closed: boolean, depth: number): Segment {
  let start = open.at + open.width;
  let end = close;
  while (start < end && /\s/.test(p[start])) start++;
  while (end > start && /\s/.test(p[end - 1])) end--;
  return { paragraph, open: open.at, close, after: close + closeWidth, start, end, mark: open.mark, closed, depth };
}

/**
 * Whether the single right quote (or straight apostrophe) at `i` closes a single quotation rather than being an
 * apostrophe. "Kirby’s" or "don’t": followed by a letter, never. "the students’ books": followed by a space, only
 * when no stronger candidate (followed by punctuation or the end) comes later, before a new single quotation opens.
 */
function singleCloses(p: string, i: number): boolean {
  const prev = p[i - 1];
  const next = p[i + 1];
  if (prev === undefined || isSpace(prev)) return false;
  if (isWordChar(next)) return false;
  if (!isSpace(next)) return isCloseAfter(next);
  const ch = p[i];
  for (let j = i + 1; j < p.length && j < i + 600; j++) {
    const c = p[j];
    if (c === '‘' || (c === ch && ch === "'" && isOpenBefore(p[j - 1]) && isLetter(p[j + 1]))) return true; // a new quotation opens
    if ((c === '’' || c === "'") && !isSpace(p[j - 1]) && !isWordChar(p[j + 1])) {
      // A stronger closer comes later (after punctuation, or before punctuation or the end): this is an apostrophe.
      if (/[.,!?;:…—–\-]/.test(p[j - 1]) || (!isSpace(p[j + 1]) && isCloseAfter(p[j + 1]))) return false;
    }
    if (c === '”' || c === '»' || (c === '"' && !isSpace(p[j - 1]))) return true; // the enclosing quotation ends first
  }
  return true;
}

function closes(p: string, i: number, opener: string, ch: string, prev: string | undefined, next: string | undefined): boolean {
  if (!CLOSERS[opener].includes(ch)) return false;
  switch (ch) {
    case '」':
    case '』':
    case '»':
    case '«':
      if (ch === opener) return !isSpace(prev) && isCloseAfter(next); // Finnish »…»
      return true;
    case '”':
      return !(isSpace(prev) && isLetter(next)); // "”Cuando…" is a wrongly turned opening mark
    case '“':
      if (opener === '„') return !(isSpace(prev) && isLetter(next));
      return !isSpace(prev) && isCloseAfter(next); // “…“ typed with the wrong mark
    case '"':
      return opener === '"' ? true : !isSpace(prev);
    case '’':
    case "'":
      return singleCloses(p, i);
    case '‘':
      return !isSpace(prev) && !isWordChar(next);
    case '›':
    case '‹':
      return !isSpace(prev) && !isWordChar(next);
    default:
      return false;
  }
}

function opens(
  p: string,
  i: number,
  ch: string,
  prev: string | undefined,
  next: string | undefined,
  stackEmpty: boolean,
  insideGuillemets: boolean,
): boolean {
  switch (ch) {
    case '「':
    case '『':
    case '«':
      return true;
    case '“':
    case '„':
      return next !== undefined && !isSpace(next);
    case '‚':
      return isOpenBefore(prev) && isLetter(next);
    case '”':
      return stackEmpty && isOpenBefore(prev) && isLetter(next);
    case '»':
    case '›':
      return !insideGuillemets && isOpenBefore(prev) && next !== undefined && !isSpace(next);
    case '‹':
      return next !== undefined && !isSpace(next);
    case '‘':
      if (isWordChar(prev)) return false;
      if (/\d/.test(next ?? '') && /\d/.test(p[i + 2] ?? '')) return false; // ‘90s
      return next !== undefined && !isSpace(next);
    case '"':
      return isOpenBefore(prev) && next !== undefined && !isSpace(next);
    case "'":
      return isOpenBefore(prev) && isLetter(next);
    default:
      return false;
  }
}

/** Quoted stretches of one paragraph at every depth (depth 0 = outermost). */
function scanParagraph(p: string, paragraph: number): Segment[] {
  const out: Segment[] = [];
  const stack: Open[] = [];
  QUOTE_CHAR.lastIndex = 0;
  for (let m = QUOTE_CHAR.exec(p); m; m = QUOTE_CHAR.exec(p)) {
    const i = m.index;
    let ch = p[i];
    let width = 1;
    // ''…'' and ``…'' stand for double quotation marks in some newspapers' text
    if ((ch === "'" && p[i + 1] === "'") || (ch === '`' && p[i + 1] === '`')) {
      ch = '"';
      width = 2;
      QUOTE_CHAR.lastIndex = i + 2;
    } else if (ch === '`') continue;
    const prev = i > 0 ? p[i - 1] : undefined;
    const next = p[i + width];
    // Close the innermost open quotation this mark can close (dropping inner ones never closed).
    let k = -1;
    for (let j = stack.length - 1; j >= 0; j--) {
      if (closes(p, i, stack[j].mark, ch, prev, next)) {
        k = j;
        break;
      }
    }
    if (k >= 0) {
      const o = stack[k];
      stack.length = k;
      out.push(segment(p, paragraph, o, i, width, true, k));
      continue;
    }
    // quotations nest two or three deep; more open marks than that are stray ones (and would make this quadratic)
    if (stack.length < MAX_DEPTH && opens(p, i, ch, prev, next, stack.length === 0, stack.some((s) => s.mark === '«')))
      stack.push({ mark: ch, at: i, width });
  }
  if (stack.length > 0) out.push(segment(p, paragraph, stack[0], p.length, 0, false, 0));
  out.sort((a, b) => a.open - b.open);
  return out;
}

/** Index of the first non-space character. */
function firstChar(p: string): number {
  let i = 0;
  while (i < p.length && /\s/.test(p[i])) i++;
  return i;
}

/**
 * The outermost quotations of the story, in order. A quotation still open at the end of a paragraph continues when
 * the next paragraph opens with a mark of the same kind; otherwise its opening mark was a stray one, dropped, and
 * the quotations inside it count as outermost.
 */
export function markedQuotations(paragraphs: string[]): MarkedQuotation[] {
  const perParagraph = paragraphs.map((p, i) => scanParagraph(p, i));
  const out: MarkedQuotation[] = [];
  let carry: MarkedQuotation | null = null; // a quotation running on into the next paragraph
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i];
    let segs = perParagraph[i];
    const top = (list: Segment[]) => list.filter((s) => s.depth === 0);
    let outer = top(segs);
    if (carry) {
      const first = outer[0];
      const prevMark = carry.spans[carry.spans.length - 1].mark;
      if (first && first.open === firstChar(p) && DOUBLE_FAMILY[first.mark] === DOUBLE_FAMILY[prevMark]) {
        carry.spans.push(first);
        outer = outer.slice(1);
        if (first.closed) {
          out.push(carry);
          carry = null;
        }
      } else {
        // No opening mark repeated: the quotation ended without its closing mark. Keep it if it already ran over
        // a paragraph break (the convention was followed), else the single opening mark was a stray one.
        if (carry.spans.length > 1) out.push(carry);
        carry = null;
      }
    }
    const last = outer[outer.length - 1];
    const runsOn = last && !last.closed;
    const next = paragraphs[i + 1];
    const nextOpens =
      runsOn && next !== undefined && (() => {
        const f = firstChar(next);
        const mark = next.startsWith("''", f) || next.startsWith('``', f) ? '"' : next[f];
        return DOUBLE_FAMILY[mark] === DOUBLE_FAMILY[last.mark];
      })();
    if (runsOn && !nextOpens) {
      // Stray opening mark: promote what it enclosed.
      segs = segs.filter((s) => s !== last);
      const inside = segs.filter((s) => s.open > last.open && s.depth === 1);
      outer = [...outer.slice(0, -1), ...inside].sort((a, b) => a.open - b.open);
    }
    for (const s of outer) {
      if (!s.closed) {
        if (carry) carry.spans.push(s);
        else carry = { spans: [s] };
      } else out.push({ spans: [s] });
    }
  }
  if (carry && carry.spans.length > 1) out.push(carry);
  out.sort((a, b) => a.spans[0].paragraph - b.spans[0].paragraph || a.spans[0].open - b.spans[0].open);
  return out;
}
