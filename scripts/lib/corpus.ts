// Reading the shared corpus (../shared/corpus): one folder per page with source.html and truth.json.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Truth {
  id: string;
  source: string;
  url: string | null;
  isArticle: boolean;
  pageType: string | null;
  title: string | null;
  byline: string | null;
  siteName: string | null;
  publishedTime: string | null;
  text: string | null;
  textMustContain?: string[];
  textMustNotContain?: string[];
  lang: string;
}

export interface CorpusPage {
  id: string;
  dir: string;
  truth: Truth;
  html(): string;
}

export const DEFAULT_CORPUS = resolve(import.meta.dirname, '../../../shared/corpus');

/** The corpus folder named on the command line, else ../shared/corpus; exits with a clear message if missing. */
export function corpusDir(arg: string | undefined): string {
  const dir = resolve(arg ?? DEFAULT_CORPUS);
  if (!existsSync(join(dir, 'pages'))) {
    console.error(`No corpus at ${dir} (expected a folder with pages/<id>/source.html and truth.json).`);
    process.exit(2);
  }
  return dir;
}

export function loadCorpus(dir: string): CorpusPage[] {
  const pagesDir = join(dir, 'pages');
  return readdirSync(pagesDir)
    .sort()
    .filter((id) => existsSync(join(pagesDir, id, 'truth.json')))
    .map((id) => {
      const pageDir = join(pagesDir, id);
      const truth = JSON.parse(readFileSync(join(pageDir, 'truth.json'), 'utf8')) as Truth;
      return { id, dir: pageDir, truth, html: () => readFileSync(join(pageDir, 'source.html'), 'utf8') };
    });
}
