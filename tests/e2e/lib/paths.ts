// Where things are, for the e2e harness, the demo and the benchmark.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (this file is tests/e2e/lib/paths.ts). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const FIXTURES_DIR = path.join(REPO_ROOT, 'tests/fixtures');
/** Small pages owned by the harness itself (its own smoke test). */
export const HARNESS_PAGES_DIR = path.join(REPO_ROOT, 'tests/e2e/lib/pages');
export const CHROME_EXT_DIR = path.join(REPO_ROOT, '.output/chrome-mv3');
export const FIREFOX_EXT_DIR = path.join(REPO_ROOT, '.output/firefox-mv2');

/** Throws a clear error when the extension has not been built for that browser. */
export function builtExtensionDir(kind: 'chromium' | 'firefox'): string {
  const dir = kind === 'chromium' ? CHROME_EXT_DIR : FIREFOX_EXT_DIR;
  if (!existsSync(path.join(dir, 'manifest.json'))) {
    throw new Error(
      `The extension is not built for ${kind} (${path.relative(REPO_ROOT, dir)}/manifest.json is missing). ` +
        'Run `npm run build` first (`npm test` does it before the e2e tests).',
    );
  }
  return dir;
}

/**
 * The Firefox add-on id, read from the BUILT manifest (the same value as GECKO_ID in wxt.config.ts;
 * reading the build keeps wxt out of the demo's and the harness's import graph).
 */
export function builtGeckoId(): string {
  const manifest = JSON.parse(readFileSync(path.join(builtExtensionDir('firefox'), 'manifest.json'), 'utf8'));
  const id = manifest?.browser_specific_settings?.gecko?.id;
  if (typeof id !== 'string' || !id) throw new Error('The Firefox build has no browser_specific_settings.gecko.id');
  return id;
}
