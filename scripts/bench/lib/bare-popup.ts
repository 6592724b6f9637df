// The browser's own share of "click to summary": a bare extension whose popup is one line of static text, marked
// as a summary sentence, with no script and no style, installed in the same browser and timed the same way as
// Lede's (timePopup: chrome.action.openPopup() in its worker, the frame that paints the line). Whatever that takes
// is spent before any code of an extension runs, so it is the floor under Lede's figure, measured in the same run.
// Two copies: one pinned to the toolbar like Lede (made before the browser starts, so that the profile can pin
// it), one left in the extensions menu, where Chrome animates the button out before it opens the popup.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { Page, Target, WebWorker } from 'puppeteer-core';
import type { ExtensionBrowser } from '../../../tests/e2e/lib/index.ts';
import { timePopup, type PopupTiming } from './popup-timing.ts';

const MANIFEST = {
  manifest_version: 3,
  name: 'Bare popup (Lede benchmark yardstick)',
  version: '1.0',
  action: { default_popup: 'popup.html' },
  background: { service_worker: 'worker.js' },
};
const POPUP = '<!doctype html><meta charset="utf-8"><p data-testid="summary-sentence">A popup with nothing to load.</p>';

/** Writes the bare extension to a new folder and returns it; `removeBarePopup` deletes it. */
export function makeBarePopup(): string {
  const dir = mkdtempSync(join(os.tmpdir(), 'lede-bare-popup-'));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(MANIFEST));
  writeFileSync(join(dir, 'popup.html'), POPUP);
  writeFileSync(join(dir, 'worker.js'), '// kept alive by the benchmark\n');
  return dir;
}

export const removeBarePopup = (dir: string) => rmSync(dir, { recursive: true, force: true });

/** Installs the bare extension in `dir` and clicks its button `samples` times with `page` in front. */
export async function timeBarePopup(ext: ExtensionBrowser, page: Page, dir: string, samples: number): Promise<PopupTiming[]> {
  const id = await ext.browser.installExtension(dir);
  try {
    const origin = `chrome-extension://${id}`;
    const isWorker = (t: Target) => t.type() === 'service_worker' && t.url().startsWith(`${origin}/`);
    const worker = (await (await ext.browser.waitForTarget(isWorker, { timeout: 30_000 })).worker()) as WebWorker;
    const bare: ExtensionBrowser = { ...ext, worker, extensionId: id, extensionOrigin: origin };
    const out: PopupTiming[] = [];
    for (let i = 0; i < samples; i++) out.push(await timePopup(bare, page));
    return out;
  } finally {
    await ext.browser.uninstallExtension(id).catch(() => {});
  }
}
