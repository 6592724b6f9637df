// npm run icons: renders assets/icon.svg into the toolbar and store icons in public/icon/ with headless Chromium,
// so every size comes from the one drawing. The PNGs are committed; run this again after changing the SVG.
//   <size>.png        colour tile (manifest icons, Chrome's toolbar, Firefox's default icon)    16 32 48 128
//   dark-<size>.png   dark glyph for light toolbars   (Firefox theme_icons "dark")              16 32
//   light-<size>.png  light glyph for dark toolbars   (Firefox theme_icons "light")             16 32
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_QUIET_ARGS, REPO_ROOT, requireBrowser } from '../tests/e2e/lib/index.ts';

const SOURCE = path.join(REPO_ROOT, 'assets/icon.svg');
const OUT_DIR = path.join(REPO_ROOT, 'public/icon');

interface Variant {
  prefix: string;
  sizes: number[];
  tile: string;
  lines: string;
}

const VARIANTS: Variant[] = [
  { prefix: '', sizes: [16, 32, 48, 128], tile: '#0b5cad', lines: '#ffffff' },
  // Firefox's own toolbar glyphs: #5b5b66-ish on light themes, #fbfbfe on dark ones. The lines are cut out.
  { prefix: 'dark-', sizes: [16, 32], tile: '#3d3d47', lines: 'transparent' },
  { prefix: 'light-', sizes: [16, 32], tile: '#fbfbfe', lines: 'transparent' },
];

const svg = readFileSync(SOURCE, 'utf8');
await mkdir(OUT_DIR, { recursive: true });
const browser = await puppeteer.launch({
  executablePath: requireBrowser('chromium'),
  headless: true,
  args: CHROMIUM_QUIET_ARGS,
});
try {
  const page = await browser.newPage();
  for (const v of VARIANTS) {
    for (const size of v.sizes) {
      await page.setViewport({ width: size, height: size, deviceScaleFactor: 1 });
      await page.setContent(
        `<!doctype html><style>html,body{margin:0;background:transparent}` +
          `:root{--tile:${v.tile};--lines:${v.lines}}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
      );
      const file = path.join(OUT_DIR, `${v.prefix}${size}.png`);
      await page.screenshot({ path: file as `${string}.png`, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      console.log(path.relative(REPO_ROOT, file));
    }
  }
} finally {
  await browser.close();
}
