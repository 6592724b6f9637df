// Is this page an article? Cheap, explainable, and run on every page: no clone, no Readability.
// (First version: the detection issue replaces it with a scored classifier.)
import { isProbablyReaderable } from '@mozilla/readability';
import type { Detection } from './types';

export function detectArticle(doc: Document, _url: string): Detection {
  const readerable = isProbablyReaderable(doc);
  const score = readerable ? 1 : 0;
  return {
    isArticle: readerable,
    score,
    threshold: 1,
    signals: [{ name: 'readerable', value: readerable, contribution: score }],
  };
}
