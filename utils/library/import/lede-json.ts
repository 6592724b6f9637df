// Lede's own export read back: a JSON object whose articles are one per line, so a library of any size is read
// line by line (and a broken line is named); a file reformatted by another tool is read whole instead.
import type { Quote } from '../../analysis/types';
import { articleId, READING_STATUSES, type SavedArticle, type SavedBody } from '../../storage/schema';
import { DEFAULT_SETTINGS, type Settings } from '../../storage/settings';
import { normalizeTags } from '../edits';
import { urlProblem } from './links';
import { BODY_LIMIT, ImportError, WHOLE_FILE_LIMIT, type ImportItem } from './types';

export const LEDE_FORMAT = 'lede-library';
export const LEDE_FORMAT_VERSION = 1;

export interface LedeExportHeader {
  format: typeof LEDE_FORMAT;
  version: number;
  exportedAt: string;
  count: number;
  settings: Settings | null;
}

/** The line that opens the articles array in Lede's layout: everything before it is the header. */
export const ARTICLES_OPEN = '"articles":[';

class Invalid extends Error {}

const str = (v: unknown, field: string, max = 100_000): string => {
  if (typeof v !== 'string') throw new Invalid(`"${field}" should be text`);
  if (v.length > max) throw new Invalid(`"${field}" is too long (${v.length} characters)`);
  return v;
};
const strOrNull = (v: unknown, field: string, max?: number) => (v == null ? null : str(v, field, max));
const num = (v: unknown, field: string): number => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Invalid(`"${field}" should be a number`);
  return v;
};
const strings = (v: unknown, field: string): string[] => {
  if (!Array.isArray(v)) throw new Invalid(`"${field}" should be a list`);
  return v.map((s, i) => str(s, `${field}[${i}]`));
};

function quoteOf(v: unknown, i: number): Quote {
  const q = v as Record<string, unknown>;
  if (typeof q !== 'object' || q === null) throw new Invalid(`"quotes[${i}]" should be an object`);
  return {
    text: str(q.text, `quotes[${i}].text`),
    speaker: strOrNull(q.speaker, `quotes[${i}].speaker`),
    role: strOrNull(q.role, `quotes[${i}].role`),
    paragraph: num(q.paragraph ?? 0, `quotes[${i}].paragraph`),
    key: q.key === true,
  };
}

function bodyOf(v: unknown, id: string): SavedBody | null {
  if (v == null) return null;
  const b = v as Record<string, unknown>;
  if (typeof b !== 'object') throw new Invalid('"body" should be an object');
  const text = str(b.text, 'body.text', BODY_LIMIT);
  const contentHtml = str(b.contentHtml, 'body.contentHtml', BODY_LIMIT);
  if (text.length + contentHtml.length > BODY_LIMIT) throw new Invalid(`the body is larger than ${BODY_LIMIT / 1024 / 1024} MB`);
  if (!Array.isArray(b.quotes ?? [])) throw new Invalid('"body.quotes" should be a list');
  return {
    id,
    lang: strOrNull(b.lang, 'body.lang', 100),
    dir: strOrNull(b.dir, 'body.dir', 10),
    summary: strings(b.summary ?? [], 'body.summary'),
    quotes: ((b.quotes as unknown[] | undefined) ?? []).map(quoteOf),
    text,
    contentHtml,
    image: strOrNull(b.image, 'body.image', 10_000),
  };
}

/** One exported article, checked field by field; its id is worked out from its URL again, never trusted. */
export function ledeArticle(raw: unknown, where: string): ImportItem {
  try {
    const a = raw as Record<string, unknown>;
    if (typeof a !== 'object' || a === null || Array.isArray(a)) throw new Invalid('an article should be an object');
    const url = str(a.url, 'url', 10_000);
    const problem = urlProblem(url);
    if (problem) return { problem: { where, message: problem } };
    const id = articleId(url);
    const status = a.status ?? 'unread';
    if (!READING_STATUSES.includes(status as never)) throw new Invalid(`"status" should be unread, read or archived`);
    const body = bodyOf(a.body, id);
    const article: SavedArticle = {
      id,
      url,
      title: str(a.title, 'title', 10_000),
      siteName: strOrNull(a.siteName, 'siteName', 1000),
      byline: strOrNull(a.byline, 'byline', 1000),
      publishedTime: strOrNull(a.publishedTime, 'publishedTime', 100),
      savedAt: num(a.savedAt, 'savedAt'),
      readingMinutes: num(a.readingMinutes ?? 0, 'readingMinutes'),
      excerpt: strOrNull(a.excerpt, 'excerpt'),
      status: status as SavedArticle['status'],
      tags: normalizeTags(strings(a.tags ?? [], 'tags')),
      hasBody: body !== null,
      body,
    };
    return { article, where };
  } catch (e) {
    if (e instanceof Invalid) return { problem: { where, message: e.message } };
    throw e;
  }
}

/** The settings an export carries, each field kept only with the type Lede expects (the rest: defaults). */
export function ledeSettings(raw: unknown): Settings | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const out: Settings = structuredClone(DEFAULT_SETTINGS);
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const value = r[key];
    const def = DEFAULT_SETTINGS[key];
    if (value === undefined || typeof value !== typeof def) continue;
    if (key === 'siteRules') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
      out.siteRules = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).filter(
          (e): e is [string, 'always' | 'never'] => e[1] === 'always' || e[1] === 'never',
        ),
      );
    } else (out as unknown as Record<string, unknown>)[key] = value;
  }
  return out;
}

function header(raw: unknown, where: string): LedeExportHeader {
  const h = raw as Record<string, unknown>;
  if (typeof h !== 'object' || h === null || h.format !== LEDE_FORMAT) {
    throw new ImportError(`this JSON file is not a Lede export (it has no "format": "${LEDE_FORMAT}")`, where);
  }
  if (typeof h.version !== 'number' || h.version > LEDE_FORMAT_VERSION) {
    throw new ImportError(`this export was made by a newer Lede (format version ${String(h.version)}); update Lede to import it`, where);
  }
  return { format: LEDE_FORMAT, version: h.version, exportedAt: String(h.exportedAt ?? ''), count: Number(h.count ?? 0), settings: ledeSettings(h.settings) };
}

/** JSON.parse's complaint, with the line it points at when the browser gives a position. */
function jsonError(e: unknown, text: string, firstLine: number): ImportError {
  const message = e instanceof Error ? e.message : String(e);
  const pos = /position (\d+)/.exec(message);
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  let line = firstLine;
  if (pos) line += text.slice(0, Number(pos[1])).split('\n').length - 1;
  else if (lineCol) line += Number(lineCol[1]) - 1;
  return new ImportError(`not valid JSON (${message.replace(/^JSON\.parse: /, '')})`, `line ${line}`);
}

export function isLedeLayout(firstLine: string): boolean {
  const t = firstLine.trim();
  return t.startsWith('{') && t.includes(`"format":"${LEDE_FORMAT}"`) && t.endsWith(ARTICLES_OPEN);
}

async function* lines(file: Blob): AsyncIterable<string> {
  const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
  let rest = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const parts = (rest + value).split('\n');
    rest = parts.pop()!;
    yield* parts;
  }
  yield rest;
}

/** Lede's layout, line by line: header line, one article per line (comma-terminated), then "]}". */
export async function readLedeLayout(file: Blob): Promise<{ header: LedeExportHeader; items(): AsyncIterable<ImportItem> }> {
  const first = (await file.slice(0, 1 << 20).text()).split('\n')[0].replace(/^\ufeff/, '');
  let head: unknown;
  try {
    head = JSON.parse(`${first}]}`);
  } catch (e) {
    throw jsonError(e, first, 1);
  }
  const h = header(head, 'line 1');
  return {
    header: h,
    async *items() {
      let n = 0;
      let closed = false;
      for await (const raw of lines(file)) {
        n++;
        if (n === 1) continue;
        const line = raw.trim();
        if (closed) {
          if (line) throw new ImportError('text after the end of the export', `line ${n}`);
          continue;
        }
        if (line === ']}') {
          closed = true;
          continue;
        }
        if (!line) continue;
        const json = line.endsWith(',') ? line.slice(0, -1) : line;
        let value: unknown;
        try {
          value = JSON.parse(json);
        } catch (e) {
          throw jsonError(e, json, n);
        }
        yield ledeArticle(value, `line ${n}`);
      }
      if (!closed) throw new ImportError('the export ends before its last line ("]}"): the file is cut short', `line ${n}`);
    },
  };
}

/** Any other layout of a Lede export (pretty-printed by another tool): read whole. */
export function readLedeWhole(text: string): { header: LedeExportHeader; items: ImportItem[] } {
  if (text.length > WHOLE_FILE_LIMIT) {
    throw new ImportError(`this JSON file is not laid out as Lede writes it, and is too large to read whole (over ${WHOLE_FILE_LIMIT / 1024 / 1024} MB)`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    throw jsonError(e, text, 1);
  }
  const h = header(value, 'line 1');
  const articles = (value as { articles?: unknown }).articles;
  if (!Array.isArray(articles)) throw new ImportError('the export has no "articles" list');
  return { header: h, items: articles.map((a, i) => ledeArticle(a, `article ${i + 1}`)) };
}
