// The README and the code say the same: the permissions it justifies are the manifest's (no more, no fewer, in
// each browser), the npm scripts it names exist, its shortcut table is the manifest's commands, and the pictures
// it shows are there.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SURE_THRESHOLD, THRESHOLD } from '../../utils/analysis/detect-model';
import config from '../../wxt.config';

const ROOT = path.resolve(import.meta.dirname, '../..');
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

type Browser = 'chrome' | 'firefox';
interface Manifest {
  permissions?: string[];
  host_permissions?: string[];
  commands?: Record<string, { suggested_key?: { default?: string } }>;
}

/** The manifest as wxt.config.ts writes it for each build (Chrome: Manifest V3, Firefox: V2). */
function manifestOf(browser: Browser): Manifest {
  const manifest = config.manifest as (env: object) => Manifest;
  return manifest({ browser, manifestVersion: browser === 'chrome' ? 3 : 2, mode: 'production', command: 'build' });
}

/** What WXT adds to the permissions by itself: sidePanel for Chrome when there is a side panel page. */
function permissionsOf(browser: Browser): string[] {
  const own = manifestOf(browser).permissions ?? [];
  const sidePanel = browser === 'chrome' && existsSync(path.join(ROOT, 'entrypoints/sidepanel/index.html'));
  return [...own, ...(sidePanel ? ['sidePanel'] : [])].sort();
}

/** The rows of the first table under a `## heading`, as arrays of cells. */
function table(heading: string): string[][] {
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README has no "## ${heading}" section`);
  const end = readme.indexOf('\n## ', start + 1);
  const lines = readme.slice(start, end < 0 ? undefined : end).split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.split('|').slice(1, -1).map((c) => c.trim()));
  }
  return rows;
}

const ticked = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);

describe('README agrees with the code', () => {
  const rows = table('Permissions');

  it('justifies every permission, each with a reason', () => {
    expect(rows.length).toBeGreaterThan(0);
    for (const [what, why] of rows) expect(why, what).toMatch(/\w{3,}/);
  });

  for (const browser of ['chrome', 'firefox'] as Browser[]) {
    it(`lists exactly the permissions of the ${browser} manifest`, () => {
      const listed = rows
        .filter(([what]) => !what.startsWith('content script'))
        .filter(([what]) => browser === 'chrome' || !/Chrome only/i.test(what))
        .flatMap(([what]) => ticked(what));
      expect(listed.sort()).toEqual(permissionsOf(browser));
      expect(manifestOf(browser).host_permissions ?? []).toEqual([]);
    });
  }

  it('lists where the content script runs, as entrypoints/content.ts says', () => {
    const row = rows.find(([what]) => what.startsWith('content script'));
    const content = readFileSync(path.join(ROOT, 'entrypoints/content.ts'), 'utf8');
    const matches = [...(/matches:\s*\[([^\]]*)\]/.exec(content)?.[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]);
    expect(matches.length).toBeGreaterThan(0);
    expect(ticked(row?.[0] ?? '').sort()).toEqual(matches.sort());
  });

  it('names only npm scripts that exist', () => {
    const named = new Set([...readme.matchAll(/npm run (?:--silent )?([\w:-]+)/g)].map((m) => m[1]));
    expect(named.size).toBeGreaterThan(5);
    expect([...named].filter((name) => !(name in pkg.scripts))).toEqual([]);
    if (/`npm test`/.test(readme)) expect(pkg.scripts.test).toBeDefined();
  });

  for (const browser of ['chrome', 'firefox'] as Browser[]) {
    it(`has the ${browser} manifest's keyboard shortcuts, with their keys, and no other`, () => {
      const commands = manifestOf(browser).commands ?? {};
      const listed = new Map<string, string>();
      for (const [shortcut, command] of table('Keyboard shortcuts')) {
        const [key] = ticked(shortcut);
        // "`_execute_action` (Firefox: `_execute_browser_action`)": the first name is Chrome's, a "Firefox:" one Firefox's.
        const names = ticked(command);
        const name = browser === 'firefox' && /Firefox:/.test(command) ? names[1] : names[0];
        listed.set(name, key);
      }
      expect([...listed.keys()].sort()).toEqual(Object.keys(commands).sort());
      for (const [name, key] of listed) expect(commands[name]?.suggested_key?.default, name).toBe(key);
    });
  }

  it('gives the scores at which a page is an article and at which Lede acts on it by itself, as the model has them', () => {
    expect(readme).toContain(`a score between\n  ${THRESHOLD}, an article, and ${SURE_THRESHOLD}, where Lede acts by itself`);
  });

  it('shows only screenshots that exist', () => {
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
    expect(images.length).toBeGreaterThanOrEqual(10);
    expect(images.filter((p) => !existsSync(path.join(ROOT, p)))).toEqual([]);
  });
});
