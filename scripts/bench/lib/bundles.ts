// Bundle sizes of the built Chrome extension, raw and gzip (zlib level 9), per part: the content script (what
// every page loads), scripts loaded into pages only on demand, the popup, the background, the library.
// A part's size is its entry files plus every chunk they import, followed transitively.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundlePart {
  part: string;
  files: string[];
  rawBytes: number;
  gzipBytes: number;
}

const IMPORT = /(?:\bimport\s*\(?\s*|\bfrom\s*)["']([^"']+\.js)["']/g;
const HTML_ASSET = /<(?:script|link)\b[^>]*?(?:src|href)="([^"]+\.(?:js|css))"/g;

function withImports(dir: string, entries: string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    const rel = file.replace(/^\/+/, '');
    if (seen.has(rel) || !existsSync(join(dir, rel))) return;
    seen.add(rel);
    if (!rel.endsWith('.js')) return;
    const base = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/') + 1) : '';
    for (const m of readFileSync(join(dir, rel), 'utf8').matchAll(IMPORT)) {
      const spec = m[1];
      if (/^[a-z-]+:/.test(spec)) continue;
      visit(spec.startsWith('/') ? spec : new URL(spec, `http://x/${base}`).pathname);
    }
  };
  entries.forEach(visit);
  return [...seen];
}

function htmlEntries(dir: string, html: string): string[] {
  if (!existsSync(join(dir, html))) return [];
  return [html, ...[...readFileSync(join(dir, html), 'utf8').matchAll(HTML_ASSET)].map((m) => m[1])];
}

function measure(dir: string, part: string, files: string[]): BundlePart {
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const f of files) {
    const buf = readFileSync(join(dir, f));
    rawBytes += buf.length;
    gzipBytes += gzipSync(buf, { level: 9 }).length;
  }
  return { part, files, rawBytes, gzipBytes };
}

/** `dir`: .output/chrome-mv3. Parts that do not exist in this build are left out. */
export function bundleSizes(dir: string): BundlePart[] {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const contentFiles: string[] = (manifest.content_scripts ?? []).flatMap((c: any) => [...(c.js ?? []), ...(c.css ?? [])]);
  const parts: BundlePart[] = [measure(dir, 'content script (every page)', withImports(dir, contentFiles))];
  // Files pages may load later (web-accessible scripts imported on demand).
  const onDemand: string[] = (manifest.web_accessible_resources ?? []).flatMap((w: any) => w.resources ?? []);
  for (const f of onDemand.filter((f) => f.endsWith('.js'))) parts.push(measure(dir, `  on demand: ${f}`, withImports(dir, [f])));
  const popup = manifest.action?.default_popup;
  if (popup) parts.push(measure(dir, 'popup', withImports(dir, htmlEntries(dir, popup))));
  const bg = manifest.background?.service_worker ?? manifest.background?.scripts?.[0];
  if (bg) parts.push(measure(dir, 'background', withImports(dir, [bg])));
  for (const [part, html] of [['library', 'library.html'], ['options', 'options.html'], ['side panel', 'sidepanel.html']]) {
    const files = withImports(dir, htmlEntries(dir, html));
    if (files.length) parts.push(measure(dir, part, files));
  }
  return parts;
}
