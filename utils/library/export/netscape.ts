// The saved library as a Netscape bookmarks file, which every browser and bookmark service imports.
import type { SavedEntry } from '../../storage/schema';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function netscapeBookmarks(entries: SavedEntry[], now = Date.now()): string {
  const seconds = (ms: number) => Math.floor(ms / 1000);
  const lines = [
    '<!DOCTYPE NETSCAPE-Bookmark-file-1>',
    '<!-- This is an automatically generated file. -->',
    '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">',
    '<TITLE>Bookmarks</TITLE>',
    '<H1>Bookmarks</H1>',
    '<DL><p>',
    `    <DT><H3 ADD_DATE="${seconds(now)}">Lede</H3>`,
    '    <DL><p>',
  ];
  for (const e of entries) {
    const tags = e.tags.length ? ` TAGS="${escapeHtml(e.tags.join(','))}"` : '';
    lines.push(`        <DT><A HREF="${escapeHtml(e.url)}" ADD_DATE="${seconds(e.savedAt)}"${tags}>${escapeHtml(e.title)}</A>`);
    if (e.excerpt) lines.push(`        <DD>${escapeHtml(e.excerpt.replace(/\s+/g, ' '))}`);
  }
  lines.push('    </DL><p>', '</DL><p>', '');
  return lines.join('\n');
}
