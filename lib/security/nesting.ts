// Nesting limits for request data (docs/security.md): A1111's requests nest a handful of levels
// (alwayson_scripts → script → args → an object), while recursive code further down — zod, JSON
// serialisation of script arguments, structured clones — overflows the stack somewhere past a few
// thousand. Anything deeper than MAX_NESTING is refused before it is parsed or queued. Both checks
// are iterative and linear in their input.

export const MAX_NESTING = 64;

/**
 * The deepest array/object nesting of JSON text, counting only brackets outside strings; stops early
 * past `limit`. Strings are skipped with indexOf (a quote preceded by an odd run of backslashes is
 * escaped), so a body that is mostly one long base64 string costs a native scan, not a JS loop.
 */
export function jsonTextDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      let close = i;
      for (;;) {
        close = text.indexOf('"', close + 1);
        if (close < 0) return deepest; // unterminated: JSON.parse refuses it
        let backslashes = 0;
        while (text.charCodeAt(close - 1 - backslashes) === 0x5c) backslashes++;
        if (backslashes % 2 === 0) break;
      }
      i = close;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return deepest;
}

const childrenOf = (node: object): unknown[] => (Array.isArray(node) ? node : Object.values(node));

/**
 * The deepest array/object nesting of a decoded value (server-action arguments, whose wire format can
 * share and even cycle objects): the longest path, each shared object measured once, a cycle
 * Infinity; stops early once a path is longer than `limit`.
 */
export function valueDepth(value: unknown, limit = Infinity): number {
  if (typeof value !== "object" || value === null) return 0;
  const height = new Map<object, number>();
  const onPath = new Set<object>();
  const path: Array<{ node: object; children: unknown[]; next: number; tallest: number }> = [];
  const enter = (node: object) => {
    onPath.add(node);
    path.push({ node, children: childrenOf(node), next: 0, tallest: 0 });
  };
  enter(value);
  for (;;) {
    const top = path[path.length - 1];
    if (top.next < top.children.length) {
      const child = top.children[top.next++];
      if (typeof child !== "object" || child === null) continue;
      if (onPath.has(child)) return Infinity;
      const known = height.get(child);
      if (known !== undefined) top.tallest = Math.max(top.tallest, known);
      else if (path.length + 1 > limit) return path.length + 1;
      else enter(child);
      continue;
    }
    path.pop();
    onPath.delete(top.node);
    const own = top.tallest + 1;
    height.set(top.node, own);
    if (path.length === 0) return own;
    const parent = path[path.length - 1];
    parent.tallest = Math.max(parent.tallest, own);
  }
}
