// Hostile pages and files against Lede's extension pages, in real Chromium. A news page and import files carry
// 60 XSS payloads (script and event-handler injections, javascript: and data: URLs, SVG and MathML tricks,
// srcdoc frames, CSS injection, markup that breaks out of attributes and titles) in every field Lede keeps:
// title, byline, site, date, excerpt, summary, quotes, body, picture, tags. The page is saved through the real
// popup and the files imported through the library; then the popup, the library and the reader show them.
//
// A payload that ran would call the sentinel: set window.__ledeXss and fetch a URL of a second local server
// (every request to it is recorded). A payload that loaded a resource (CSS url(), an image, a stylesheet)
// would hit that server too. The hostile page itself carries a Content-Security-Policy meta that stops the
// payloads on the page, so any hit comes from somewhere Lede put them. Because the extension pages' own CSP
// would also stop an inline script that got through sanitising, the test also fails on any live markup left
// in their DOM (event handlers, javascript:/data: links, frames, objects, form actions, styles with url()).
// (CSP violation reports prove nothing either way here: Chromium reports an inline handler as soon as markup
// holding one is parsed, even in the inert document DOMPurify parses it in, where nothing can run.)
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium, startStaticServer, type ExtensionBrowser, type NetworkLog, type StaticServer } from './lib/index.ts';
import { describeWithBrowser } from './lib/vitest.ts';

declare const chrome: any;

/**
 * The payloads, `J` standing for the sentinel call (script) and `U` for a sentinel URL (a resource), each
 * numbered so a hit names the payload that got through.
 */
const PAYLOADS: string[] = [
  // Script and event handlers
  '<script>J</script>',
  '<img src=x onerror="J">',
  '<img src="U" onload="J">',
  '<svg onload="J"></svg>',
  '<body onload="J">',
  '<input autofocus onfocus="J">',
  '<details open ontoggle="J"><summary>x</summary></details>',
  '<video><source onerror="J"></video>',
  '<audio src=x onerror="J"></audio>',
  '<marquee onstart="J">m</marquee>',
  '<div onmouseover="J" style="position:fixed;inset:0">hover</div>',
  '<iframe onload="J"></iframe>',
  '<x onclick="J" contenteditable autofocus onfocus="J">x</x>',
  '<isindex type=image src=1 onerror="J">',
  '<img src=x:x onerror="J" alt="x">',
  // javascript: and data: URLs
  '<a href="javascript:J">js link</a>',
  '<a href="JaVaScRiPt:J">mixed case</a>',
  '<a href="&#106;avascript:J">entity</a>',
  '<a href=" javascript:J">leading space</a>',
  '<a href="java&#x09;script:J">tab inside</a>',
  '<a href="vbscript:J">vbscript</a>',
  '<form action="javascript:J"><button>go</button></form>',
  '<form><button formaction="javascript:J">go</button></form>',
  '<iframe src="javascript:J"></iframe>',
  '<object data="javascript:J"></object>',
  '<embed src="javascript:J">',
  '<a href="data:text/html,<script>J</script>">data link</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">base64 data link</a>',
  '<iframe src="data:text/html,<script>J</script>"></iframe>',
  '<object data="data:text/html,<script>J</script>"></object>',
  '<meta http-equiv="refresh" content="0;url=javascript:J">',
  '<base href="javascript:J//">',
  // srcdoc frames
  '<iframe srcdoc="<script>J</script>"></iframe>',
  '<iframe srcdoc="&lt;img src=x onerror=J&gt;"></iframe>',
  // SVG tricks
  '<svg><script>J</script></svg>',
  '<svg><a xlink:href="javascript:J"><text x="0" y="20">svg link</text></a></svg>',
  '<svg><animate onbegin="J" attributeName="x" dur="1s"></animate></svg>',
  '<svg><set attributeName="onmouseover" to="J"></set></svg>',
  '<svg><foreignObject><img src=x onerror="J"></foreignObject></svg>',
  '<svg><use href="data:image/svg+xml,&lt;svg id=&quot;x&quot; xmlns=&quot;http://www.w3.org/2000/svg&quot;&gt;&lt;image href=&quot;x&quot; onerror=&quot;J&quot;/&gt;&lt;/svg&gt;#x"></use></svg>',
  '<svg><style>@import url(U);</style></svg>',
  // MathML tricks (mutation XSS)
  '<math><mtext><table><mglyph><style><img src=x onerror="J">',
  '<math href="javascript:J">math link</math>',
  '<math><maction actiontype="statusline" xlink:href="javascript:J">x</maction></math>',
  '<form><math><mtext></form><form><mglyph><svg><mtext><style><path id="</style><img onerror=J src>">',
  '<math><mi xlink:href="data:x,<script>J</script>">mi</mi></math>',
  '<noscript><p title="</noscript><img src=x onerror=J>"></noscript>',
  '<template><img src=x onerror="J"></template>',
  // CSS injection
  '<style>@import "U";</style>',
  '<style>body{background:url(U)}</style>',
  '<div style="background-image:url(U)">css</div>',
  '<link rel="stylesheet" href="U">',
  '<div style="width:expression(J)">expression</div>',
  // Resources that would load
  '<img src="U">',
  '<img srcset="U 1x">',
  '<video poster="U"></video>',
  '<table background="U"><tr><td>t</td></tr></table>',
  '<input type="image" src="U">',
  // Breaking out of attributes and titles (as text in a field)
  '"><img src=x onerror=J>',
  '</title><script>J</script>',
];

/** A payload with its sentinel filled in: `n` names it. */
function armed(payload: string, sentinel: string, n: number): string {
  const url = `${sentinel}/xss/${n}`;
  const js = `window.__ledeXss=(window.__ledeXss||[]).concat(${n}),fetch(\`${url}\`)`;
  return payload.replace(/J/g, js).replace(/U/g, url);
}

/** What an extension page shows that a payload could have made live. */
function auditDom(): string[] {
  const bad: string[] = [];
  const own = location.origin;
  const scheme = (v: string) => v.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
  for (const el of Array.from(document.querySelectorAll('*'))) {
    const tag = el.tagName.toLowerCase();
    for (const a of Array.from(el.attributes)) {
      const name = a.name.toLowerCase();
      const v = scheme(a.value);
      if (name.startsWith('on')) bad.push(`${tag}[${name}]`);
      if (/^(javascript|vbscript):/.test(v)) bad.push(`${tag}[${name}=${a.value.slice(0, 40)}]`);
      if (['href', 'xlink:href', 'action', 'formaction', 'data'].includes(name) && v.startsWith('data:')) bad.push(`${tag}[${name}=data:]`);
      if (name === 'srcdoc') bad.push(`${tag}[srcdoc]`);
      if (name === 'style' && /url\(|expression|@import/i.test(a.value)) bad.push(`${tag}[style=${a.value.slice(0, 40)}]`);
      if ((name === 'src' || name === 'srcset' || name === 'poster' || name === 'background') && /^https?:/.test(v)) bad.push(`${tag}[${name}] loads ${a.value.slice(0, 40)}`);
    }
    if (['iframe', 'frame', 'object', 'embed', 'base', 'isindex'].includes(tag)) bad.push(tag);
    if (tag === 'form' && el.hasAttribute('action')) bad.push('form with an action');
    if (tag === 'script' && !(el as HTMLScriptElement).src.startsWith(own + '/')) bad.push('inline script');
    if (tag === 'link' && !(el as HTMLLinkElement).href.startsWith(own + '/')) bad.push('link');
    if (tag === 'meta' && el.hasAttribute('http-equiv')) bad.push('meta http-equiv');
    if (tag === 'style' && /url\(|@import/i.test(el.textContent ?? '')) bad.push('style with url()');
  }
  return bad;
}

/** The hostile news page: an article by every measure Lede uses, payloads in every part of it. */
function hostilePage(sentinel: string): string {
  const text = (n: number) => armed(PAYLOADS[n % PAYLOADS.length], sentinel, n).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const live = PAYLOADS.map((p, n) => armed(p, sentinel, n)).join('\n');
  const paragraphs = Array.from(
    { length: 8 },
    (_, i) =>
      `<p>Kyiv officials said on Thursday that the grain corridor would reopen next week, paragraph ${i}, as talks went on ${text(i * 7)} in Istanbul and Ankara with negotiators from both sides present.</p>`,
  ).join('\n');
  return `<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'none'; frame-src 'none'; object-src 'none'; style-src 'self'">
<title>${text(59)} Grain corridor talks resume</title>
<meta property="og:type" content="article">
<meta property="og:title" content="${text(58)} Grain corridor talks resume">
<meta property="og:site_name" content="${text(0)}">
<meta name="author" content="${text(1)}">
<meta property="og:image" content="javascript:${armed('J', sentinel, 900)}">
<meta property="article:published_time" content="2024-06-20T10:00:00Z">
</head><body>
<article>
<h1>${text(58)} Grain corridor talks resume</h1>
${paragraphs}
<p>“We will not accept ${text(2)} any delay,” said John Kirby, the spokesperson, in a statement on Thursday.</p>
${live}
<p>Officials expect the first ships to leave Odesa early next week if the talks hold, the ministry said.</p>
</article>
</body></html>`;
}

/** A Lede export whose every field is hostile: one article per payload, and one holding them all in its body. */
function hostileExport(sentinel: string): string {
  const articles = PAYLOADS.map((p, n) => {
    const a = armed(p, sentinel, n);
    return {
      url: `https://hostile.example/${n}?q=${encodeURIComponent(a)}`,
      title: a,
      siteName: a,
      byline: a,
      // (Lede keeps at most 100 characters of a date: the audit finds a live handler without the sentinel.)
      publishedTime: '"><b onmouseover=alert(1)>2024-06-20',
      savedAt: 1_700_000_000_000 + n * 1000,
      readingMinutes: 3,
      excerpt: a,
      status: 'unread',
      tags: [a.slice(0, 50)],
      body: {
        lang: 'en" onload="x',
        dir: 'ltr',
        summary: [a, `Summary ${n}.`],
        quotes: [{ text: a, speaker: a, role: a, paragraph: 0, key: true }],
        text: `Body ${n}. ${a}`,
        contentHtml: `<p>Body ${n}.</p>${a}<p>More text after the payload, so the story has words.</p>`,
        image: n % 2 ? `javascript:${armed('J', sentinel, 2000 + n)}` : `data:text/html,${armed('<script>J</script>', sentinel, 2000 + n)}`,
      },
    };
  });
  const everything = {
    ...articles[0],
    url: 'https://hostile.example/everything',
    title: 'Every payload in one story',
    body: {
      ...articles[0].body,
      contentHtml: PAYLOADS.map((p, n) => `<p>Payload ${n}:</p>${armed(p, sentinel, 3000 + n)}`).join('\n'),
    },
  };
  const lines = [...articles, everything].map((a) => JSON.stringify(a));
  return `{"format":"lede-library","version":1,"exportedAt":"","count":${lines.length},"settings":null,"articles":[\n${lines.join(',\n')}\n]}\n`;
}

function hostileCsv(sentinel: string): string {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const rows = PAYLOADS.map((p, n) => {
    const a = armed(p, sentinel, 4000 + n);
    return [q(a), `https://csv.example/${n}`, String(1_690_000_000 + n), q(a.slice(0, 40)), 'unread'].join(',');
  });
  return ['title,url,time_added,tags,status', ...rows].join('\n');
}

describeWithBrowser('chromium', 'XSS payloads in the popup, the library and the reader (Chromium)', () => {
  let pages: StaticServer;
  let sentinel: StaticServer;
  let ext: ExtensionBrowser;
  let network: NetworkLog;
  let dir: string;

  async function open(url: string): Promise<Page> {
    const page = await ext.browser.newPage();
    await page.goto(url, { waitUntil: 'load' });
    return page;
  }

  async function expectClean(page: Page, where: string): Promise<void> {
    expect(await page.evaluate(() => (window as any).__ledeXss ?? null), `${where}: payloads that ran`).toBeNull();
    expect(await page.evaluate(auditDom), `${where}: live markup`).toEqual([]);
    expect(sentinel.hits(), `${where}: sentinel requests`).toEqual([]);
  }

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'lede-xss-'));
    sentinel = await startStaticServer({ root: dir });
    await writeFile(path.join(dir, 'hostile-article.html'), hostilePage(sentinel.origin));
    await writeFile(path.join(dir, 'hostile-export.json'), hostileExport(sentinel.origin));
    await writeFile(path.join(dir, 'hostile-pocket.csv'), hostileCsv(sentinel.origin));
    // The page comes from another origin than the sentinel, so its own CSP refuses every payload request.
    pages = await startStaticServer({ root: dir });
    ext = await launchChromium();
    network = ext.startNetworkLog();
  });
  afterAll(async () => {
    await ext?.close();
    await pages?.close();
    await sentinel?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('carries at least 50 payloads of every kind', () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(50);
    for (const kind of [/<script/, / on\w+=/, /javascript:/, /data:/, /<svg/, /<math/, /srcdoc/, /<style|style=/]) {
      expect(PAYLOADS.some((p) => kind.test(p)), String(kind)).toBe(true);
    }
  });

  it('saves the hostile page from the popup without running any of it', async () => {
    const article = await ext.newPage(pages.url('hostile-article.html'));
    expect(sentinel.hits(), 'the page’s own CSP stops its payloads').toEqual([]);
    const popup = await ext.openPopupFor(article);
    await popup.waitForSelector('[data-testid="save"]', { timeout: 15_000 });
    expect(await popup.$eval('[data-testid="article-title"]', (e) => e.textContent)).toContain('Grain corridor talks resume');
    await popup.click('[data-testid="save"]');
    await popup.waitForSelector('[data-testid="save"][aria-pressed="true"]');
    await popup.waitForSelector('[data-testid="saved-item"]');
    await expectClean(popup, 'popup on the hostile page');
    await popup.close().catch(() => {});
    await article.close();
  });

  it('imports hostile files and shows every field as text in the library', async () => {
    const library = await open(ext.extensionUrl('library.html'));
    for (const [file, n] of [['hostile-export.json', PAYLOADS.length + 1], ['hostile-pocket.csv', PAYLOADS.length]] as const) {
      await ((await library.$('[data-testid="library-import-file"]')) as any).uploadFile(path.join(dir, file));
      await library.waitForSelector('[data-testid="import-confirm"]', { timeout: 15_000 });
      expect(await library.$eval('[data-testid="import-count"]', (e) => e.textContent), file).toBe(String(n));
      await expectClean(library, `library import preview of ${file}`);
      await library.click('[data-testid="import-confirm"]');
      await library.waitForFunction(
        (file) => document.querySelector('[data-testid="library-toast"]')?.textContent?.includes(file),
        { timeout: 30_000, polling: 100 },
        file,
      );
    }
    // Every article on screen.
    await library.select('[data-testid="library-filter-status"]', 'all');
    for (let i = 0; i < 5 && (await library.$('[data-testid="library-more"]')); i++) {
      await library.$eval('[data-testid="library-more"]', (b) => (b as HTMLButtonElement).click());
    }
    const count = await library.$$eval('[data-testid="library-item"]', (els) => els.length);
    expect(count).toBe(1 + PAYLOADS.length + 1 + PAYLOADS.length);
    const shownTitles = await library.$$eval('[data-testid="library-title"]', (els) => els.map((e) => e.textContent));
    expect(shownTitles).toContain(armed('<script>J</script>', sentinel.origin, 0));
    expect(shownTitles).toContain(armed('"><img src=x onerror=J>', sentinel.origin, 4000 + PAYLOADS.length - 2));
    await expectClean(library, 'library list');

    // Searching for markup, and the tag editor over hostile tags.
    await library.type('[data-testid="library-search"]', '<img src=x onerror');
    await library.waitForFunction(() => document.querySelector('[data-testid="library-results"]')?.getAttribute('data-query') === '<img src=x onerror', {
      polling: 100,
    });
    await library.$eval('[data-testid="library-tag-button"]', (b) => (b as HTMLButtonElement).click());
    await library.waitForSelector('[data-testid="tag-editor"]');
    await library.type('[data-testid="tag-input"]', '<');
    await expectClean(library, 'library search and tags');
    await library.close();
  });

  it('opens every hostile article in the reader, and the popup lists them, without running any of it', async () => {
    const ids: string[] = await ext.evaluateInExtension(async () => {
      const all = await chrome.storage.local.get(null);
      return Object.entries(all)
        .flatMap(([k, v]) => (k.startsWith('shard:') ? (JSON.parse(v as string) as { id: string }[]) : []))
        .map((e) => e.id);
    });
    expect(ids.length).toBe(1 + PAYLOADS.length + 1 + PAYLOADS.length);
    // One tab, navigated from article to article.
    const reader = await open('about:blank');
    let bodies = 0;
    for (const id of ids) {
      await reader.goto(ext.extensionUrl(`reader.html?id=${encodeURIComponent(id)}`), { waitUntil: 'load' });
      await reader.waitForSelector('[data-testid="reader-body"], [data-testid="reader-link-only"], [data-testid="reader-missing"]', { timeout: 15_000 });
      expect(await reader.$('[data-testid="reader-missing"]'), `reader for ${id}`).toBeNull();
      if (await reader.$('[data-testid="reader-body"]')) bodies++;
      await expectClean(reader, `reader.html?id=${id}`);
    }
    // The saved page and the exported articles have their clean copy; the CSV rows are links.
    expect(bodies).toBe(1 + PAYLOADS.length + 1);
    await reader.close();

    const article = await ext.newPage(pages.url('hostile-article.html'));
    const popup = await ext.openPopupFor(article);
    await popup.waitForSelector('[data-testid="saved-item"]', { timeout: 15_000 });
    expect((await popup.$$('[data-testid="saved-item"]')).length).toBeGreaterThan(10);
    await expectClean(popup, 'popup listing the hostile imports');
    await popup.close().catch(() => {});
    await article.close();
  }, 600_000);

  it('made no network request of its own, and nothing reached the sentinel', async () => {
    expect(await network.requests()).toEqual([]);
    expect(sentinel.hits()).toEqual([]);
  });
});
