// Full-text search over the saved library: what a reader typing in the library's search box gets back, through
// saves, merges of the index, deletions, re-saves and a rebuild, checked against a plain scan of every article.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import { buildSegment, matchPart, mergeSegments, MERGE_FANOUT, queryWords, words } from '../../utils/library/search-index';
import { SEARCH_KEY } from '../../utils/storage/library-keys';
import { createSavedStore } from '../../utils/storage/saved-store';
import { createSearchReader, readSearchMeta } from '../../utils/storage/search-store';
import { toSavedArticle, toSavedLink } from '../../utils/storage/schema';
import { analysisOf, resetWithCopyingStorage } from './storage-fake';

const ids = async (query: string) => [...((await createSearchReader(storage).search(query)) ?? new Map()).keys()].sort();

describe('search words', () => {
  it('folds case and accents, splits on anything but letters and digits', () => {
    expect(words('Élysée: Zelensky’s 2024 “peace-plan”')).toEqual(['elysee', 'zelensky', 's', '2024', 'peace', 'plan']);
    expect(queryWords('Kyiv kyiv KYÏV')).toEqual(['kyiv']);
  });

  it('indexes scripts written without spaces as characters and pairs', () => {
    expect(words('北京市')).toEqual(['北', '北京', '京', '京市', '市']);
  });

  it('finds whole short words, and every word a longer query begins', () => {
    const seg = buildSegment(
      [
        { id: 'a', meta: 'UK election', text: 'ukraine' },
        { id: 'b', meta: 'other', text: 'Ukrainian grain' },
      ],
      1,
    );
    expect([...matchPart(seg.parts[0], 'uk').keys()]).toEqual([0]);
    expect([...matchPart(seg.parts[0], 'ukr')]).toEqual([
      [0, false],
      [1, false],
    ]);
    expect([...matchPart(seg.parts[0], 'election')]).toEqual([[0, true]]);
  });

  it('merges segments keeping the later copy of a document and dropping the ones not kept', async () => {
    const a = buildSegment([{ id: 'x', meta: '', text: 'old words' }, { id: 'y', meta: '', text: 'gone' }], 1);
    const b = buildSegment([{ id: 'x', meta: '', text: 'new words' }], 1);
    const merged = await mergeSegments([a, b], (id) => id !== 'y', () => 4);
    expect(merged.docs).toEqual(['x']);
    const hits = (w: string) => merged.parts.flatMap((p) => [...matchPart(p, w).keys()]);
    expect(hits('new')).toEqual([0]);
    expect(hits('old')).toEqual([]);
    expect(hits('gone')).toEqual([]);
  });
});

describe('library search', () => {
  beforeEach(resetWithCopyingStorage);

  it('answers on title, byline, summary, quotes and body; title matches rank first; every word must match', async () => {
    const store = createSavedStore(storage);
    await store.search.ensure();
    const grain = await store.save(toSavedArticle(analysisOf('https://example.com/grain', 'Grain deal collapses', 'Black Sea shipping halted.'), 1));
    const body = await store.save(toSavedArticle(analysisOf('https://example.com/b', 'Markets', 'Prices of grain rose in Odesa.'), 2));
    const quote = await store.save(toSavedArticle(analysisOf('https://example.com/q', 'Briefing', 'Nothing here.'), 3));
    const link = await store.save(toSavedLink('https://example.com/link', 'Élysée summit notes', 4));

    const hits = (await createSearchReader(storage).search('grain'))!;
    expect([...hits].sort((x, y) => y[1] - x[1]).map(([id]) => id)).toEqual([grain.id, body.id]);
    expect(await ids('odesa prices')).toEqual([body.id]);
    expect(await ids('odesa shipping')).toEqual([]);
    expect(await ids('kirby')).toEqual([body.id, grain.id, quote.id].sort()); // the quote's speaker
    expect(await ids('fornus')).toHaveLength(4 - 1); // the byline, as a prefix (the link has none)
    expect(await ids('elysee')).toEqual([link.id]);
    expect(await ids('   ')).toEqual([]);
  });

  it('stays right through merges, deletions, re-saves and a rebuild (checked against a plain scan)', async () => {
    const store = createSavedStore(storage);
    await store.search.ensure();
    const vocabulary = ['kyiv', 'kharkiv', 'grain', 'drone', 'sanctions', 'election', 'ceasefire', 'energy', 'summit', 'missile'];
    const texts = new Map<string, string>();
    // mulberry32: a seeded generator, so a failure replays the same way.
    let seed = 7;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = () => vocabulary[Math.floor(random() * vocabulary.length)];
    const scan = (query: string) =>
      [...texts]
        .filter(([, text]) => queryWords(query).every((w) => words(text).some((t) => t.startsWith(w))))
        .map(([id]) => id)
        .sort();

    for (let round = 0; round < 150; round++) {
      const n = Math.floor(random() * 60);
      const url = `https://example.com/${n}`;
      const text = `${pick()} ${pick()} ${pick()}`;
      const roll = random();
      if (roll < 0.8) {
        const saved = await store.save(toSavedArticle(analysisOf(url, `Story ${n}`, text), round));
        texts.set(saved.id, `Story ${n} Martin Fornusek The Kyiv Independent example.com ${text} A quote of six words here John Kirby`);
      } else if (texts.size > 0) {
        const id = [...texts.keys()][Math.floor(random() * texts.size)];
        await store.delete([id]);
        texts.delete(id);
      }
    }
    await store.search.compact();
    const meta = (await readSearchMeta(storage))!;
    const perLevel = new Map<number, number>();
    for (const s of meta.segments) perLevel.set(s.level, (perLevel.get(s.level) ?? 0) + 1);
    expect(Math.max(...perLevel.values())).toBeLessThan(MERGE_FANOUT);
    expect(meta.pending).toEqual([]);
    expect(meta.segments.some((s) => s.level >= 1)).toBe(true);
    expect(scan('grain').length).toBeGreaterThan(0);
    expect(scan('grain').length).toBeLessThan(texts.size);

    const live = await store.savedIds();
    const found = async (q: string) => (await ids(q)).filter((id) => live.has(id));
    for (const q of [...vocabulary, 'kha', 'sanctions drone', 'story', 'kirby energy']) expect(await found(q), q).toEqual(scan(q));

    // Deleted twice over (out of the trash too) and merged again: gone from the index itself.
    const gone = [...texts.keys()].slice(0, 3);
    await store.delete(gone);
    await store.delete([[...texts.keys()][3]]);
    for (let i = 0; i < MERGE_FANOUT * MERGE_FANOUT; i++) await store.save(toSavedLink(`https://example.org/${i}`, `filler ${i}`, 1000 + i));
    await store.search.compact();
    const after = await ids('story');
    for (const id of gone) expect(after).not.toContain(id);

    // A lost index is rebuilt from the articles, with the same answers.
    await storage.removeItem(SEARCH_KEY);
    expect(await createSearchReader(storage).search('kyiv')).toBeNull();
    await store.search.ensure();
    for (const id of gone) texts.delete(id);
    texts.delete([...texts.keys()][0]);
    const liveNow = await store.savedIds();
    for (const q of vocabulary) expect((await ids(q)).filter((id) => liveNow.has(id)), q).toEqual(scan(q).filter((id) => liveNow.has(id)));
  });

  it('replaces an index left by an earlier version of Lede (format 1, postings as objects) with one built from the articles', async () => {
    const store = createSavedStore(storage);
    const grain = await store.save(toSavedArticle(analysisOf('https://example.com/grain', 'Grain deal', 'Black Sea shipping halted.'), 1));
    const old = buildSegment([{ id: grain.id, meta: 'Grain deal', text: 'stale words' }], 1);
    await storage.setItems([
      { key: SEARCH_KEY, value: { format: 1, segments: [{ id: 0, seq: 1, level: 0, docs: 1, parts: 1 }], nextSegment: 1, pending: [], complete: true } },
      { key: 'local:ix:0:docs', value: old.docs },
      { key: 'local:ix:0:0', value: old.parts[0] },
    ]);
    // Until it is rebuilt, the library searches titles (the reader says it has no answer).
    expect(await createSearchReader(storage).search('grain')).toBeNull();
    await store.search.ensure();
    expect(await ids('shipping')).toEqual([grain.id]);
    expect(await ids('stale')).toEqual([]);
    expect(await storage.getItem('local:ix:0:0')).toBeNull();
  });

  it('keeps one reader (the library page’s) right through saves and merges, reading the segment list only when it changed', async () => {
    const store = createSavedStore(storage);
    await store.search.ensure();
    const reader = createSearchReader(storage);
    // As the library page wires it: told of every change before it searches again.
    const follow = (changes: Record<string, unknown>) => reader.storageChanged(changes);
    fakeBrowser.storage.local.onChanged.addListener(follow);
    const local = fakeBrowser.storage.local;
    const realGet = local.get;
    let metaReads = 0;
    local.get = ((keys: string | string[]) => {
      if ([keys].flat().includes('search')) metaReads++;
      return realGet(keys as never);
    }) as typeof realGet;
    const found = async (q: string) => [...((await reader.search(q)) ?? new Map()).keys()].sort();

    const first = await store.save(toSavedArticle(analysisOf('https://example.com/0', 'Grain 0'), 0));
    expect(await found('grain')).toEqual([first.id]);
    const before = metaReads;
    for (const q of ['g', 'gr', 'gra', 'grai', 'grain']) await reader.search(q);
    expect(metaReads).toBe(before);

    const more = [];
    for (let i = 1; i <= MERGE_FANOUT + 1; i++) more.push(await store.save(toSavedArticle(analysisOf(`https://example.com/${i}`, `Grain ${i}`), i)));
    await store.search.compact();
    expect((await readSearchMeta(storage))!.segments.some((s) => s.level > 0)).toBe(true);
    expect(await found('grain')).toEqual([first, ...more].map((e) => e.id).sort());
    const last = await store.save(toSavedArticle(analysisOf('https://example.com/last', 'Harvest'), 100));
    expect(await found('harvest')).toEqual([last.id]);
    local.get = realGet;
    fakeBrowser.storage.local.onChanged.removeListener(follow);
  });

  it('forgets the words of an article’s earlier copy once it is saved again', async () => {
    const store = createSavedStore(storage);
    await store.search.ensure();
    const first = await store.save(toSavedArticle(analysisOf('https://example.com/a', 'Draft', 'Provisional wording.'), 1));
    await store.save(toSavedArticle(analysisOf('https://example.com/a', 'Final', 'Corrected wording.'), 2));
    expect(await ids('provisional')).toEqual([]);
    expect(await ids('corrected')).toEqual([first.id]);
    expect(await ids('wording')).toEqual([first.id]);
  });
});
