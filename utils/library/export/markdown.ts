// One Markdown file per article, with YAML front matter (title, url, author, site, dates, tags, summary,
// quotes) and the clean text, for notes apps and plain folders.
import type { SavedReader } from '../../storage/saved-store';
import type { SavedArticle } from '../../storage/schema';
import type { ZipFile } from './zip';

/** A YAML scalar: JSON's double-quoted strings are valid YAML and escape everything that needs it. */
const yaml = (v: string | number | null) => (v === null ? 'null' : JSON.stringify(v));

/** Plain text safe in Markdown: no character of it turns into markup, links or raw HTML. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([-+=]|\d+[.)])(?=\s|$)/gm, (_, indent: string, mark: string) => `${indent}${mark.replace(/([-+=.)])$/, '\\$1')}`);
}

export function articleMarkdown(a: SavedArticle): string {
  const lines = ['---', `title: ${yaml(a.title)}`, `url: ${yaml(a.url)}`];
  if (a.byline) lines.push(`author: ${yaml(a.byline)}`);
  if (a.siteName) lines.push(`site: ${yaml(a.siteName)}`);
  if (a.publishedTime) lines.push(`published: ${yaml(a.publishedTime)}`);
  lines.push(`saved: ${yaml(new Date(a.savedAt).toISOString())}`, `status: ${a.status}`);
  lines.push(`tags: [${a.tags.map(yaml).join(', ')}]`);
  if (a.readingMinutes > 0) lines.push(`reading_minutes: ${Math.round(a.readingMinutes)}`);
  const summary = a.body?.summary ?? [];
  if (summary.length) lines.push('summary:', ...summary.map((s) => `  - ${yaml(s)}`));
  const quotes = a.body?.quotes ?? [];
  if (quotes.length) {
    lines.push('quotes:');
    for (const q of quotes) lines.push(`  - text: ${yaml(q.text)}`, `    speaker: ${yaml(q.speaker)}`);
  }
  lines.push('---', '', `# ${escapeMarkdown(a.title)}`, '');
  if (a.body?.text) {
    lines.push(...a.body.text.split(/\n\s*\n/).map((p) => escapeMarkdown(p.trim())).filter(Boolean).flatMap((p) => [p, '']));
  } else {
    lines.push(`Saved as a link: <${a.url}>`, '');
  }
  return lines.join('\n');
}

/** "2024-06-20-china-should-also-be-concerned.md", unique among `taken`. */
export function markdownFileName(a: SavedArticle, taken: Set<string>): string {
  const day = new Date(a.savedAt).toISOString().slice(0, 10);
  const slug =
    a.title
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || a.id;
  let name = `${day}-${slug}.md`;
  for (let n = 2; taken.has(name); n++) name = `${day}-${slug}-${n}.md`;
  taken.add(name);
  return name;
}

/** Every article as a Markdown file, read a batch at a time (for zipParts). */
export async function* markdownFiles(reader: Pick<SavedReader, 'list' | 'bodies'>): AsyncIterable<ZipFile> {
  const entries = await reader.list();
  const taken = new Set<string>();
  const encoder = new TextEncoder();
  for (let i = 0; i < entries.length; i += 200) {
    const batch = entries.slice(i, i + 200);
    const bodies = await reader.bodies(batch.filter((e) => e.hasBody).map((e) => e.id));
    for (const e of batch) {
      const article = { ...e, body: bodies.get(e.id) ?? null };
      yield { name: `lede-library/${markdownFileName(article, taken)}`, data: encoder.encode(articleMarkdown(article)), modified: new Date(e.savedAt) };
    }
  }
}
