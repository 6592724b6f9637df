// npm run check:reproducible: the store packages can be rebuilt from the sources zip that addons.mozilla.org
// asks for. Unzips .output/lede-<version>-sources.zip into a temporary folder, runs the build the README documents
// there (npm ci from the local npm cache, no network; npm run build:firefox and build:chrome), and compares every
// file with the Firefox and Chrome zips byte for byte. Run `npm run zip` first. Needs `unzip` (Debian: unzip).
// `--online` lets npm fetch what the cache lacks (npm ci --prefer-offline); `--keep` keeps the temporary folder.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
const zipPath = (name: string) => path.join(root, '.output', `lede-${version}-${name}.zip`);
const keep = process.argv.includes('--keep');
const online = process.argv.includes('--online');

/** The same package, rebuilt where `build` leaves it. */
const TARGETS = [
  { zip: 'firefox', build: 'build:firefox', dir: '.output/firefox-mv2' },
  { zip: 'chrome', build: 'build:chrome', dir: '.output/chrome-mv3' },
];

function run(command: string, args: string[], cwd: string): void {
  console.log(`$ ${[command, ...args].join(' ')}   (in ${cwd})`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.error) throw new Error(`${command}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

function filesUnder(dir: string, base = dir): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) for (const [k, v] of filesUnder(p, base)) out.set(k, v);
    else out.set(path.relative(base, p).split(path.sep).join('/'), createHash('sha256').update(readFileSync(p)).digest('hex'));
  }
  return out;
}

function compare(expected: Map<string, string>, rebuilt: Map<string, string>): string[] {
  const problems: string[] = [];
  for (const [file, hash] of expected) {
    if (!rebuilt.has(file)) problems.push(`missing from the rebuild: ${file}`);
    else if (rebuilt.get(file) !== hash) problems.push(`differs: ${file}`);
  }
  for (const file of rebuilt.keys()) if (!expected.has(file)) problems.push(`only in the rebuild: ${file}`);
  return problems;
}

const missing = ['sources', ...TARGETS.map((t) => t.zip)].map(zipPath).filter((p) => !existsSync(p));
if (missing.length) {
  console.error(`Missing ${missing.map((p) => path.relative(root, p)).join(', ')}: run \`npm run zip\` first.`);
  process.exit(2);
}

const work = await mkdtemp(path.join(os.tmpdir(), 'lede-reproducible-'));
let failures = 0;
try {
  const src = path.join(work, 'src');
  run('unzip', ['-q', zipPath('sources'), '-d', src], root);
  // The documented build: dependencies exactly as locked, from the npm cache only (unless --online).
  try {
    run('npm', ['ci', online ? '--prefer-offline' : '--offline', '--no-audit', '--no-fund'], src);
  } catch (e) {
    if (!online) console.error('The npm cache lacks a locked package: run `npm ci` once with the network, or this with --online.');
    throw e;
  }
  for (const target of TARGETS) {
    run('npm', ['run', target.build], src);
    const packaged = path.join(work, target.zip);
    run('unzip', ['-q', zipPath(target.zip), '-d', packaged], root);
    const problems = compare(filesUnder(packaged), filesUnder(path.join(src, target.dir)));
    const count = filesUnder(packaged).size;
    if (problems.length === 0) console.log(`✔ ${target.zip}: all ${count} files of the zip rebuilt identical from the sources zip`);
    else {
      failures++;
      console.log(`✘ ${target.zip}: ${problems.length} of ${count} files do not match`);
      for (const p of problems) console.log(`  ${p}`);
    }
  }
} finally {
  if (keep) console.log(`(kept ${work})`);
  else await rm(work, { recursive: true, force: true });
}
process.exit(failures ? 1 : 0);
