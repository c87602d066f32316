// Python's `item in container` for a string item and a container that arrived as JSON (docs/python-values.md):
// a list holds it when an element equals it, a string when it is a substring ("left" in "left,up" is
// true), a dict when it is a key. Anything else has no `in` (Python raises TypeError): null here.

export function pythonContains(container: unknown, item: string): boolean | null {
  if (typeof container === "string") return container.includes(item);
  if (Array.isArray(container)) return container.some((element) => element === item);
  if (container !== null && typeof container === "object") return Object.hasOwn(container, item);
  return null;
}
