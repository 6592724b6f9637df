// Pocket, Instapaper, bookmarks and plain CSV link lists: rows and links to importable articles.
import type { ReadingStatus } from '../../storage/schema';
import { csvRecords, parseCsv } from './csv';
import { scanHtmlLinks, type HtmlLink } from './html-links';
import { linkItem, type LinkFields } from './links';
import { ImportError, type ImportFormat, type ImportItem } from './types';

const splitTags = (raw: string, separator: RegExp) => raw.split(separator).map((t) => t.trim()).filter(Boolean);

/** Browsers' own top folders say nothing about an article: they do not become tags. */
const ROOT_FOLDERS = /^(bookmarks( bar| toolbar| menu)?|other bookmarks|mobile bookmarks|favorites( bar)?|lesezeichen(leiste)?|marque-pages|barre personnelle)$/i;

/** Which CSV export this is, from its header; an unknown one is an error that names the columns. */
export function csvFormat(header: string[]): ImportFormat {
  const has = (...names: string[]) => names.every((n) => header.includes(n));
  if (has('url', 'time_added') && (has('title') || has('status'))) return 'pocket-csv';
  if (has('url', 'title', 'folder') && (has('timestamp') || has('selection'))) return 'instapaper-csv';
  if (has('url')) return 'csv';
  throw new ImportError(
    `this CSV file has no "url" column (its columns: ${header.map((h) => JSON.stringify(h)).join(', ') || 'none'}). ` +
      'Lede imports Pocket (title,url,time_added,tags,status), Instapaper (URL,Title,Selection,Folder,Timestamp) and any CSV with a url column.',
    'row 1',
  );
}

/** Instapaper writes tags as a JSON list in newer exports, plain text in older ones. */
function instapaperTags(raw: string): string[] {
  if (raw.trim().startsWith('[')) {
    try {
      const list = JSON.parse(raw) as unknown;
      if (Array.isArray(list)) return list.filter((t): t is string => typeof t === 'string');
    } catch {
      /* plain text after all */
    }
  }
  return splitTags(raw, /[,|]/);
}

export function csvItems(text: string, now: number): { format: ImportFormat; items: ImportItem[] } {
  const { header, records } = csvRecords(parseCsv(text));
  const format = csvFormat(header);
  const items = records.map(({ row, get }, i): ImportItem => {
    const where = `row ${row.row} (line ${row.line})`;
    let fields: LinkFields;
    if (format === 'pocket-csv') {
      fields = {
        url: get('url'),
        title: get('title'),
        added: get('time_added'),
        tags: splitTags(get('tags'), /\|/),
        status: get('status').trim().toLowerCase() === 'archive' ? 'archived' : 'unread',
      };
    } else if (format === 'instapaper-csv') {
      const folder = get('folder').trim();
      const status: ReadingStatus = /^archive$/i.test(folder) ? 'archived' : 'unread';
      const folderTag = folder && !/^(unread|archive)$/i.test(folder) ? [folder.toLowerCase() === 'starred' ? 'starred' : folder] : [];
      fields = { url: get('url'), title: get('title'), added: get('timestamp'), tags: [...folderTag, ...instapaperTags(get('tags'))], status };
    } else {
      const first = (...names: string[]) => names.map(get).find((v) => v.trim()) ?? '';
      fields = {
        url: get('url'),
        title: first('title', 'name'),
        added: first('time_added', 'created', 'date', 'added', 'saved', 'timestamp'),
        tags: splitTags(first('tags', 'tag'), /[,|]/),
      };
    }
    return linkItem(fields, where, now, now - i);
  });
  return { format, items };
}

export function htmlItems(text: string, now: number): { format: ImportFormat; items: ImportItem[] } {
  const links = scanHtmlLinks(text);
  const pocket = /<title>\s*Pocket Export\s*<\/title>/i.test(text) || links.some((l) => 'time_added' in l.attrs);
  if (links.length === 0) {
    throw new ImportError('this HTML file holds no links (<a href="…">): it is not a bookmarks or Pocket export');
  }
  const items = links.map((link: HtmlLink, i): ImportItem => {
    const where = `line ${link.line}`;
    const tags = splitTags(link.attrs.tags ?? '', /,/);
    if (pocket) {
      const archived = /archive|read/i.test(link.section ?? '') && !/^unread$/i.test(link.section ?? '');
      return linkItem(
        { url: link.attrs.href ?? '', title: link.text, added: link.attrs.time_added, tags, status: archived ? 'archived' : 'unread' },
        where,
        now,
        now - i,
      );
    }
    const folders = link.folders.filter((f) => !ROOT_FOLDERS.test(f));
    return linkItem({ url: link.attrs.href ?? '', title: link.text, added: link.attrs.add_date, tags: [...folders, ...tags] }, where, now, now - i);
  });
  return { format: pocket ? 'pocket-html' : 'netscape', items };
}
