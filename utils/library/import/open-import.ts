// An import file from its first bytes to a preview of what it holds, then to the chunks the background stages.
import type { SavedArticle } from '../../storage/schema';
import { isLedeLayout, readLedeLayout, readLedeWhole } from './lede-json';
import { csvItems, htmlItems } from './list-formats';
import {
  ImportError,
  STREAMED_FILE_LIMIT,
  WHOLE_FILE_LIMIT,
  type ImportFormat,
  type ImportItem,
  type ImportProblem,
  type ImportSource,
} from './types';

const MB = 1024 * 1024;
const fromArray = (items: ImportItem[]) =>
  async function* () {
    yield* items;
  };

/** Reads enough of `file` to know its format; list formats are parsed whole here, so their errors come now. */
export async function openImport(file: Blob, name: string, now = Date.now()): Promise<ImportSource> {
  if (file.size === 0) throw new ImportError(`${name} is empty`);
  if (file.size > STREAMED_FILE_LIMIT) {
    throw new ImportError(`${name} is ${Math.round(file.size / MB)} MB; Lede imports files of up to ${STREAMED_FILE_LIMIT / MB} MB`);
  }
  const head = await file.slice(0, 64 * 1024).text();
  if (head.includes('\u0000') || head.startsWith('PK\u0003\u0004')) {
    throw new ImportError(`${name} is not a text file (a zip or other binary file?); unzip an export before importing it`);
  }
  const start = head.replace(/^\ufeff/, '').trimStart();
  const firstLine = start.split('\n')[0];
  if (start.startsWith('{') && isLedeLayout(firstLine)) {
    const { header, items } = await readLedeLayout(file);
    return { format: 'lede-json', settings: header.settings, items };
  }
  if (file.size > WHOLE_FILE_LIMIT) {
    throw new ImportError(`${name} is ${Math.round(file.size / MB)} MB; Lede imports lists of links of up to ${WHOLE_FILE_LIMIT / MB} MB`);
  }
  const text = await file.text();
  if (start.startsWith('{') || start.startsWith('[')) {
    const { header, items } = readLedeWhole(text);
    return { format: 'lede-json', settings: header.settings, items: fromArray(items) };
  }
  const parsed: { format: ImportFormat; items: ImportItem[] } = /^<|<!doctype|<html|<a\s/i.test(start.slice(0, 1000))
    ? htmlItems(text, now)
    : csvItems(text, now);
  return { format: parsed.format, settings: null, items: fromArray(parsed.items) };
}

export interface ImportPreview {
  format: ImportFormat;
  /** Distinct articles the import brings (duplicates in the file counted once). */
  articles: number;
  withBody: number;
  /** Rows with a URL seen earlier in the file, merged into it. */
  duplicates: number;
  skipped: ImportProblem[];
  settings: boolean;
}

/** Reads the whole file once, keeping counts only (a Lede export may be larger than memory allows to keep). */
export async function previewImport(source: ImportSource): Promise<ImportPreview> {
  const seen = new Set<string>();
  const preview: ImportPreview = { format: source.format, articles: 0, withBody: 0, duplicates: 0, skipped: [], settings: source.settings !== null };
  for await (const item of source.items()) {
    if ('problem' in item) {
      preview.skipped.push(item.problem);
      continue;
    }
    if (seen.has(item.article.id)) {
      preview.duplicates++;
      continue;
    }
    seen.add(item.article.id);
    preview.articles++;
    if (item.article.hasBody) preview.withBody++;
  }
  if (preview.articles === 0) {
    const why = preview.skipped.slice(0, 3).map((p) => `${p.where}: ${p.message}`);
    throw new ImportError(`nothing in this file can be imported${why.length ? ` (${why.join('; ')})` : ''}`);
  }
  return preview;
}

/** The articles in chunks of about `maxChars` of JSON, for messages to the background. */
export async function* importChunks(source: ImportSource, maxChars = 4 * MB, maxArticles = 2000): AsyncIterable<SavedArticle[]> {
  let chunk: SavedArticle[] = [];
  let size = 0;
  for await (const item of source.items()) {
    if ('problem' in item) continue;
    chunk.push(item.article);
    size += (item.article.body?.text.length ?? 0) + (item.article.body?.contentHtml.length ?? 0) + 500;
    if (size >= maxChars || chunk.length >= maxArticles) {
      yield chunk;
      chunk = [];
      size = 0;
    }
  }
  if (chunk.length > 0) yield chunk;
}
