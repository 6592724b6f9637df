// What any content script costs a page before it does anything: a bare extension whose content script is one line,
// installed in the same browser after Lede's pages are measured, loaded on the same non-article pages the same way
// and read from the same trace event (its EvaluateScript: making the isolated world's script run, compile, top
// level). Lede's "content script load" on those pages is what Lede adds to it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import type { ExtensionBrowser } from '../../../tests/e2e/lib/index.ts';
import { extensionScripts, startTrace, stopTrace, type ScriptEvaluation } from './trace.ts';

const MANIFEST = {
  manifest_version: 3,
  name: 'Bare content script (Lede benchmark yardstick)',
  version: '1.0',
  content_scripts: [{ matches: ['http://*/*', 'https://*/*'], js: ['content.js'], run_at: 'document_idle' }],
};

/** The bare content script's evaluation on each page `open` loads in a fresh tab; pages where none shows are left out. */
export async function timeBareContentScript(
  ext: ExtensionBrowser,
  opens: ((page: Page) => Promise<unknown>)[],
): Promise<Pick<ScriptEvaluation, 'ms' | 'cpuMs'>[]> {
  const dir = mkdtempSync(join(os.tmpdir(), 'lede-bare-content-'));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(MANIFEST));
  writeFileSync(join(dir, 'content.js'), 'globalThis.__bare = document.readyState;\n');
  const id = await ext.browser.installExtension(dir);
  const out: Pick<ScriptEvaluation, 'ms' | 'cpuMs'>[] = [];
  try {
    for (const open of opens) {
      const page = await ext.browser.newPage();
      try {
        await startTrace(page);
        await open(page);
        await new Promise((r) => setTimeout(r, 500)); // (document_idle: the script runs after the load)
        const load = extensionScripts(await stopTrace(page), `chrome-extension://${id}`, '').find((s) => s.url === '/content.js');
        if (load) out.push({ ms: load.ms, cpuMs: load.cpuMs });
      } catch {
        await page.tracing.stop().catch(() => {});
      } finally {
        await page.close().catch(() => {});
      }
    }
    return out;
  } finally {
    await ext.browser.uninstallExtension(id).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}
