// A clone of the live document for Readability to consume, with a way back from each cloned node to the live
// one, so that what Readability kept can be found on the page without re-parsing anything.

export interface MappedClone {
  clone: Document;
  /** The live node a cloned node was copied from (undefined for nodes Readability created itself). */
  liveOf(node: Node): Node | undefined;
}

export function cloneWithMap(doc: Document): MappedClone {
  const clone = doc.cloneNode(true) as Document;
  const map = new Map<Node, Node>();
  // cloneNode(true) copies child lists in order, so the two trees can be walked side by side.
  const stack: Node[] = [doc, clone];
  while (stack.length) {
    const c = stack.pop()!;
    const l = stack.pop()!;
    map.set(c, l);
    for (let lc = l.firstChild, cc = c.firstChild; lc && cc; lc = lc.nextSibling, cc = cc.nextSibling) {
      stack.push(lc, cc);
    }
  }
  return { clone, liveOf: (node) => map.get(node) };
}
