// The links of an HTML export (Netscape bookmarks, Pocket's ril_export.html), read without a DOM so that line
// numbers survive and nothing in the file can run: a tolerant tag scanner, not an HTML parser.

export interface HtmlLink {
  line: number;
  /** Attributes, names lower-cased, values with entities decoded. */
  attrs: Record<string, string>;
  /** The link's text, tags dropped, entities decoded. */
  text: string;
  /** Bookmark folders around the link, outermost first. */
  folders: string[];
  /** The last <h1> before the link (Pocket: "Unread", "Read Archive"). */
  section: string | null;
}

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', mdash: '—', ndash: '–', hellip: '…',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', copy: '©', reg: '®', trade: '™',
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

function parseAttrs(raw: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const re = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (let m; (m = re.exec(raw)); ) {
    const name = m[1].toLowerCase();
    if (!(name in attrs)) attrs[name] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

const textOf = (html: string) => decodeEntities(html.replace(/<[^>]*>/g, ' '));

export function scanHtmlLinks(html: string): HtmlLink[] {
  const links: HtmlLink[] = [];
  const folders: (string | null)[] = [];
  let pendingFolder: string | null = null;
  let section: string | null = null;
  let line = 1;
  let counted = 0;
  const lineAt = (i: number) => {
    for (; counted < i; counted++) if (html.charCodeAt(counted) === 10) line++;
    return line;
  };
  const lower = html.toLowerCase();
  /** Index of the next match of `re` (global) from `from`, or -1. */
  const next = (re: RegExp, from: number) => {
    re.lastIndex = from;
    return re.exec(html)?.index ?? -1;
  };
  const linkEnd = /<\/a\s*>|<(?:a|dt|li|dl|\/dl|h1|h3)[\s>]/gi;
  const headingEnd = { h1: /<\/h1\s*>/gi, h3: /<\/h3\s*>/gi };
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<!--[\s\S]*?-->/g;
  for (let m; (m = tag.exec(html)); ) {
    if (!m[2]) continue; // a comment
    const closing = m[1] === '/';
    const name = m[2].toLowerCase();
    const after = tag.lastIndex;
    if (!closing && (name === 'script' || name === 'style' || name === 'textarea' || name === 'title')) {
      // Raw text: nothing inside is markup (a "</a>" in a script must not end a link).
      const end = lower.indexOf(`</${name}`, after);
      tag.lastIndex = end < 0 ? html.length : end;
      continue;
    }
    if (name === 'dl') {
      if (closing) folders.pop();
      else {
        folders.push(pendingFolder);
        pendingFolder = null;
      }
    } else if (!closing && (name === 'h1' || name === 'h3')) {
      const end = next(headingEnd[name], after);
      const text = textOf(html.slice(after, end < 0 ? after + 500 : end)).replace(/\s+/g, ' ').trim();
      if (name === 'h1') section = text;
      else pendingFolder = text;
    } else if (!closing && name === 'a') {
      const end = next(linkEnd, after);
      links.push({
        line: lineAt(m.index),
        attrs: parseAttrs(m[3]),
        text: textOf(html.slice(after, end < 0 ? after + 2000 : end)),
        folders: folders.filter((f): f is string => f !== null),
        section,
      });
    }
  }
  return links;
}
