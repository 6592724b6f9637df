// What an import file becomes before anything is written: articles ready to save, and what was left out, where.
import type { SavedArticle } from '../../storage/schema';
import type { Settings } from '../../storage/settings';

export type ImportFormat = 'lede-json' | 'pocket-csv' | 'pocket-html' | 'instapaper-csv' | 'csv' | 'netscape';

export const FORMAT_NAMES: Record<ImportFormat, string> = {
  'lede-json': 'Lede library (JSON)',
  'pocket-csv': 'Pocket export (CSV)',
  'pocket-html': 'Pocket export (ril_export.html)',
  'instapaper-csv': 'Instapaper export (CSV)',
  csv: 'list of links (CSV)',
  netscape: 'bookmarks (HTML)',
};

/** Files read whole (CSV, HTML, JSON not laid out as Lede writes it) stop here; Lede's JSON is read line by line. */
export const WHOLE_FILE_LIMIT = 64 * 1024 * 1024;
export const STREAMED_FILE_LIMIT = 1024 * 1024 * 1024;
/** One article's body (text and HTML together), in characters. */
export const BODY_LIMIT = 8 * 1024 * 1024;

/** A row or link left out of the import, and where it is in the file ("row 12", "line 40"). */
export interface ImportProblem {
  where: string;
  message: string;
}

/** The file cannot be imported at all: nothing is written, and the message says what is wrong and where. */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly where?: string,
  ) {
    super(where ? `${where}: ${message}` : message);
    this.name = 'ImportError';
  }
}

/** One article found in the file, or why a row could not be taken. */
export type ImportItem = { article: SavedArticle; where: string } | { problem: ImportProblem };

export interface ImportSource {
  format: ImportFormat;
  /** Settings carried by a Lede export (applied with the articles), else null. */
  settings: Settings | null;
  /** The file's articles in file order; may be read more than once (a preview, then the import). */
  items(): AsyncIterable<ImportItem>;
}
