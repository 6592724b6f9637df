// web-ext lint on the Firefox build: fails on any error, and on any warning caused by our own code or manifest.
// Two kinds of UNSAFE_VAR_ASSIGNMENT are allowed, each only while our source gives it no other cause: an assignment
// to innerHTML, which bundled libraries make (Preact's renderer, Readability) while our own source assigns HTML
// nowhere; and a dynamic import(), which the content script makes of the extension's own files by their URL
// (browser.runtime.getURL(file), in analyser-loader.ts) while our source imports nothing else that way.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const sourceDir = join(root, '.output/firefox-mv2');

function ownSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return ownSources(p);
    return /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

const ownInnerHtml = ['entrypoints', 'components', 'utils']
  .flatMap((d) => ownSources(join(root, d)))
  .filter((f) => /\.(inner|outer)HTML\s*=[^=]|insertAdjacentHTML|document\.write/.test(readFileSync(f, 'utf8')));

// import( followed by anything but a quoted path, outside comments.
const ownDynamicImports = ['entrypoints', 'components', 'utils']
  .flatMap((d) => ownSources(join(root, d)))
  .flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((l) => /\bimport\(\s*(?!['"`])/.test(l) && !/^\s*\/\//.test(l)));
const importsOwnFilesOnly = ownDynamicImports.every((l) => /import\(\/\* @vite-ignore \*\/ browser\.runtime\.getURL\(\w+\)\)/.test(l));

const webExt = join(root, 'node_modules/.bin/web-ext');
const run = spawnSync(webExt, ['lint', '--source-dir', sourceDir, '--self-hosted', '--output', 'json'], {
  encoding: 'utf8',
});
let report: { summary: Record<string, number>; errors: Msg[]; warnings: Msg[]; notices: Msg[] };
interface Msg {
  code: string;
  message: string;
  file?: string;
  line?: number;
}
try {
  report = JSON.parse(run.stdout);
} catch {
  console.error(`web-ext lint did not report:\n${run.stdout}\n${run.stderr}`);
  process.exit(2);
}
const allowance = (m: Msg): string | null => {
  if (m.code !== 'UNSAFE_VAR_ASSIGNMENT') return null;
  if (/innerHTML/.test(m.message) && ownInnerHtml.length === 0) return 'library code';
  if (/call to import/.test(m.message) && importsOwnFilesOnly) return 'an extension file imported by its own URL';
  return null;
};
const blocking = [...report.errors, ...report.warnings.filter((m) => allowance(m) === null)];
const allowed = report.warnings.filter((m) => allowance(m) !== null);

console.log(
  `web-ext lint ${sourceDir}: ${report.errors.length} errors, ${report.warnings.length} warnings ` +
    `(${allowed.length} allowed, below), ${report.notices.length} notices`,
);
for (const m of allowed) console.log(`  allowed (${allowance(m)}): ${m.code} ${m.file ?? ''}: ${m.message}`);
for (const m of blocking) console.log(`  ${m.code} ${m.file ?? ''}${m.line ? `:${m.line}` : ''} ${m.message}`);
if (ownInnerHtml.length) console.log(`  our own code assigns HTML in: ${ownInnerHtml.join(', ')}`);
if (!importsOwnFilesOnly) console.log(`  our own code imports by a computed path: ${ownDynamicImports.join(' | ')}`);
process.exit(blocking.length ? 1 : 0);
