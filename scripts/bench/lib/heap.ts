// The memory Lede's content script keeps alive on a page, from a V8 heap snapshot taken after a full GC.
// Runtime.getHeapUsage cannot answer it: the page's main world and the content script's isolated world share one
// V8 heap. A snapshot can: every JS object points to its map, and that map's own map (the meta map) names the
// native context (the world) it belongs to. So "Lede's objects" are the objects of Lede's world (its
// functions, closures, arrays, wrappers of DOM nodes it holds, a cloned document's wrapper...), and what Lede
// retains is everything reachable from them that the rest of the heap cannot reach without going through them
// (strings, backing stores, DOM nodes of a clone). That is the memory freed if Lede's world went away: the
// world's own built-ins included, the page's live DOM (reachable from the page) not.
import type { CDPSession } from 'puppeteer-core';

export interface LedeHeap {
  /** Bytes retained by Lede's world: JS objects plus the DOM/native objects only they keep alive. */
  retainedBytes: number;
  /** Of which native (Blink) objects: DOM nodes, e.g. of a document clone kept alive. */
  nativeBytes: number;
  /** How many Document objects are retained only by Lede (a kept clone shows here). */
  documents: number;
  /** Whole-heap size of the snapshot (JS and native), for scale. */
  heapBytes: number;
}

export async function takeSnapshot(session: CDPSession): Promise<string> {
  await session.send('HeapProfiler.enable');
  await session.send('HeapProfiler.collectGarbage');
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
  session.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await session.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
  } finally {
    session.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  await session.send('HeapProfiler.disable');
  return chunks.join('');
}

interface Snapshot {
  snapshot: {
    meta: {
      node_fields: string[];
      node_types: [string[]];
      edge_fields: string[];
      edge_types: [string[]];
    };
  };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/** Retained memory of the world whose native context is named for `origin` (chrome-extension://<id>). */
export function ledeRetained(snapshotJson: string, origin: string): LedeHeap {
  const snap = JSON.parse(snapshotJson) as Snapshot;
  const meta = snap.snapshot.meta;
  const { nodes, edges, strings } = snap;
  const NF = meta.node_fields.length;
  const EF = meta.edge_fields.length;
  const nType = meta.node_fields.indexOf('type');
  const nName = meta.node_fields.indexOf('name');
  const nSize = meta.node_fields.indexOf('self_size');
  const nEdges = meta.node_fields.indexOf('edge_count');
  const eType = meta.edge_fields.indexOf('type');
  const eName = meta.edge_fields.indexOf('name_or_index');
  const eTo = meta.edge_fields.indexOf('to_node');
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const WEAK = edgeTypes.indexOf('weak');
  const NATIVE = nodeTypes.indexOf('native');
  const STRING_NAMED = new Set(['element', 'hidden'].map((t) => edgeTypes.indexOf(t)));
  const count = nodes.length / NF;

  const firstEdge = new Uint32Array(count + 1);
  for (let i = 0; i < count; i++) firstEdge[i + 1] = firstEdge[i] + nodes[i * NF + nEdges];
  const edgeName = (e: number) =>
    STRING_NAMED.has(edges[e * EF + eType]) ? null : strings[edges[e * EF + eName]];
  const target = (e: number) => edges[e * EF + eTo] / NF;
  const child = (i: number, name: string): number => {
    for (let e = firstEdge[i]; e < firstEdge[i + 1]; e++) if (edgeName(e) === name) return target(e);
    return -1;
  };

  // Lede's native context, by name.
  const contextName = `system / NativeContext / ${origin}`;
  let ledeContext = -1;
  for (let i = 0; i < count && ledeContext < 0; i++) if (strings[nodes[i * NF + nName]] === contextName) ledeContext = i;
  if (ledeContext < 0) throw new Error(`no native context named ${contextName} in the snapshot`);

  // Lede's objects: the context, and every node whose map's meta map belongs to that context.
  const metaMapContext = new Map<number, boolean>();
  const inLede = new Uint8Array(count);
  inLede[ledeContext] = 1;
  for (let i = 0; i < count; i++) {
    const map = child(i, 'map');
    if (map < 0) continue;
    const metaMap = child(map, 'map');
    if (metaMap < 0) continue;
    let own = metaMapContext.get(metaMap);
    if (own === undefined) {
      own = child(metaMap, 'native_context') === ledeContext;
      metaMapContext.set(metaMap, own);
    }
    if (own) inLede[i] = 1;
  }

  // Everything the heap reaches without passing through Lede's objects, from the snapshot's root (node 0).
  const reached = new Uint8Array(count);
  const walk = (starts: number[], seen: Uint8Array, avoid: Uint8Array | null) => {
    const stack = starts.slice();
    for (const s of starts) seen[s] = 1;
    while (stack.length) {
      const i = stack.pop()!;
      for (let e = firstEdge[i]; e < firstEdge[i + 1]; e++) {
        if (edges[e * EF + eType] === WEAK) continue;
        const to = target(e);
        if (seen[to] || (avoid && avoid[to])) continue;
        seen[to] = 1;
        stack.push(to);
      }
    }
  };
  walk([0], reached, inLede);
  const fromLede = new Uint8Array(count);
  const ledeNodes: number[] = [];
  for (let i = 0; i < count; i++) if (inLede[i]) ledeNodes.push(i);
  walk(ledeNodes, fromLede, reached);

  let retainedBytes = 0;
  let nativeBytes = 0;
  let documents = 0;
  let heapBytes = 0;
  for (let i = 0; i < count; i++) {
    const size = nodes[i * NF + nSize];
    heapBytes += size;
    if (!fromLede[i] || reached[i]) continue;
    retainedBytes += size;
    if (nodes[i * NF + nType] === NATIVE) {
      nativeBytes += size;
      if (/^(HTML)?Document\b/.test(strings[nodes[i * NF + nName]])) documents++;
    }
  }
  return { retainedBytes, nativeBytes, documents, heapBytes };
}
