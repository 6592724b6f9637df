// schema.org JSON-LD blocks of a page, flattened (top-level arrays and @graph), read once per page.

export type LdNode = Record<string, unknown>;

export function readJsonLd(doc: Document): LdNode[] {
  const out: LdNode[] = [];
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue; // publishers ship broken JSON-LD often enough; it is a hint, not a contract
    }
    collect(data, out, 0);
  }
  return out;
}

function collect(data: unknown, out: LdNode[], depth: number): void {
  if (depth > 3 || data === null || typeof data !== 'object') return;
  if (Array.isArray(data)) {
    for (const d of data) collect(d, out, depth + 1);
    return;
  }
  const node = data as LdNode;
  out.push(node);
  if (Array.isArray(node['@graph'])) collect(node['@graph'], out, depth + 1);
}

/** The node's @type values as plain names ("NewsArticle", not "http://schema.org/NewsArticle"). */
export function ldTypes(node: LdNode): string[] {
  const t = node['@type'];
  const list = Array.isArray(t) ? t : t === undefined ? [] : [t];
  return list.filter((x): x is string => typeof x === 'string').map(typeName);
}

/** "https://schema.org/NewsArticle" -> "NewsArticle". (No regular expression: this runs on every page.) */
export const typeName = (iri: string) => iri.slice(Math.max(iri.lastIndexOf('/'), iri.lastIndexOf('#')) + 1);

export const ARTICLE_LD_TYPES = new Set([
  'Article', 'NewsArticle', 'ReportageNews', 'AnalysisNewsArticle', 'OpinionNewsArticle', 'BackgroundNewsArticle',
  'ReviewNewsArticle', 'AskPublicNewsArticle', 'BlogPosting', 'LiveBlogPosting', 'SocialMediaPosting', 'Report',
  'ScholarlyArticle', 'TechArticle', 'SatiricalArticle', 'AdvertiserContentArticle', 'Review', 'Recipe', 'HowTo',
]);

/** The first node typed as an article, if any. */
export function articleLd(nodes: LdNode[]): LdNode | undefined {
  return nodes.find((n) => ldTypes(n).some((t) => ARTICLE_LD_TYPES.has(t)));
}

/** A person/organisation field ("author": {...} | [...] | "name") as display names. */
export function ldNames(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list
    .map((v) => (typeof v === 'string' ? v : typeof v === 'object' && v && 'name' in v ? (v as LdNode).name : null))
    .filter((n): n is string => typeof n === 'string' && n.trim() !== '')
    .map((n) => n.trim());
}
