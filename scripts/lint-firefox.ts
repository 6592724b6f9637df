// web-ext lint on the Firefox build: fails on any error, and on any warning caused by our own code or manifest.
// The one warning allowed is UNSAFE_VAR_ASSIGNMENT coming from bundled libraries (Preact's renderer and
// Readability assign innerHTML internally); it is allowed only while our own source assigns innerHTML nowhere.
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
const libraryWarning = (m: Msg) => m.code === 'UNSAFE_VAR_ASSIGNMENT' && ownInnerHtml.length === 0;
const blocking = [...report.errors, ...report.warnings.filter((m) => !libraryWarning(m))];
const allowed = report.warnings.filter(libraryWarning);

console.log(
  `web-ext lint ${sourceDir}: ${report.errors.length} errors, ${report.warnings.length} warnings ` +
    `(${allowed.length} from bundled libraries), ${report.notices.length} notices`,
);
for (const m of allowed) console.log(`  allowed (library code): ${m.code} ${m.file ?? ''}`);
for (const m of blocking) console.log(`  ${m.code} ${m.file ?? ''}${m.line ? `:${m.line}` : ''} ${m.message}`);
if (ownInnerHtml.length) console.log(`  our own code assigns HTML in: ${ownInnerHtml.join(', ')}`);
process.exit(blocking.length ? 1 : 0);
