// The class names ultralytics writes into an exported model's metadata (`names`): Python's repr of a dict from
// class index to name, e.g. `{0: 'face', 1: 'hand'}`; a JSON list of names is accepted too. Indices without a
// name become `class<i>`. docs/detection.md#yolo
import { parseIntStringDict } from "@/lib/python/dict-literal";

export function parseYoloNames(text: string): string[] | null {
  const trimmed = text.trim();
  if (trimmed.startsWith("[")) {
    try {
      const list = JSON.parse(trimmed);
      return Array.isArray(list) && list.every((v) => typeof v === "string") ? list : null;
    } catch {
      return null;
    }
  }
  const dict = parseIntStringDict(trimmed);
  if (!dict || [...dict.keys()].some((k) => k < 0)) return null;
  const count = Math.max(-1, ...dict.keys()) + 1;
  return Array.from({ length: count }, (_, i) => dict.get(i) ?? `class${i}`);
}
