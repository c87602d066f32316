// Ctrl+Up / Ctrl+Down in a prompt box: raise or lower the attention weight of the selection, or of
// the word or bracket block under the caret, as A1111's edit-attention does (docs/ui.md#prompt-editing).
// `word` → `(word:1.1)`; `(word:1.1)` → `(word:1.2)`; old-style `((word))` becomes `(word:1.3)`; a weight
// that reaches 1.0 drops its parentheses; `<lora:name:0.8>` steps by the extra-networks precision.
import type { Options } from "@/lib/settings/options";

export type KeyEditOptions = Pick<Options, "keyedit_precision_attention" | "keyedit_precision_extra" | "keyedit_delimiters" | "keyedit_delimiters_whitespace">;

export interface PromptSelection {
  text: string;
  start: number;
  end: number;
}

const WHITESPACE: Record<string, string> = { Tab: "\t", "Carriage Return": "\r", "Line Feed": "\n" };
/** A block's content that already carries a weight: `word:1.1`, `lora:name:0.8`. */
const WEIGHTED = /:-?[\d.]+/;

/**
 * The caret inside `open … close` with no other bracket of the pair between: the block's content, its
 * weight left out. Null when the caret is not in such a block.
 */
function enclosingBlock(text: string, caret: number, open: string, close: string): [number, number] | null {
  const before = text.slice(0, caret);
  const opened = before.lastIndexOf(open);
  if (opened < 0 || before.lastIndexOf(close) > opened) return null;
  const after = text.slice(caret);
  const closed = after.indexOf(close);
  if (closed < 0) return null;
  const reopened = after.indexOf(open);
  if (reopened >= 0 && reopened < closed) return null;
  const start = opened + 1;
  const content = text.slice(start, caret + closed);
  return [start, WEIGHTED.test(content) ? start + content.lastIndexOf(":") : caret + closed];
}

/** The word around the caret, bounded by the delimiters, without the spaces at its ends. */
function wordAt(text: string, caret: number, delimiters: string): [number, number] {
  let start = caret;
  let end = caret;
  while (start > 0 && !delimiters.includes(text[start - 1])) start--;
  while (end < text.length && !delimiters.includes(text[end])) end++;
  while (start < end && text[start] === " ") start++;
  while (end > start && text[end - 1] === " ") end--;
  return [start, end];
}

/** The weight as A1111 writes it: 12 significant digits at most, whole numbers with ".0". */
function formatWeight(weight: number): string {
  const rounded = Number(weight.toPrecision(12));
  return Number.isInteger(rounded) ? `${rounded}.0` : String(rounded);
}

/** The prompt after one Ctrl+Up (`up`) or Ctrl+Down, with the selection to show; null when nothing changes. */
export function editAttention(current: PromptSelection, up: boolean, options: KeyEditOptions): PromptSelection | null {
  let { text, start, end } = current;
  if (start === end) {
    const block = enclosingBlock(text, start, "<", ">") ?? enclosingBlock(text, start, "(", ")") ?? enclosingBlock(text, start, "[", "]");
    const delimiters = options.keyedit_delimiters + options.keyedit_delimiters_whitespace.map((name) => WHITESPACE[name] ?? "").join("");
    [start, end] = block ?? wordAt(text, start, delimiters);
  }

  let close = ")";
  let step = options.keyedit_precision_attention;
  const before = start > 0 ? text[start - 1] : "";
  const after = text[end];
  if (before === "<") {
    close = ">";
    step = options.keyedit_precision_extra;
  } else if ((before === "(" && after === ")") || (before === "[" && after === "]")) {
    // Old-style emphasis: each ( ) multiplies by 1.1, each [ ] divides; rewritten as one (text:weight).
    let depth = 0;
    while (text[start - depth - 1] === before && text[end + depth] === after) depth++;
    const weight = before === "[" ? (1 / 1.1) ** depth : 1.1 ** depth;
    const rounded = Math.round(weight / options.keyedit_precision_attention) * options.keyedit_precision_attention;
    text = `${text.slice(0, start - depth)}(${text.slice(start, end)}:${rounded})${text.slice(end + depth)}`;
    start -= depth - 1;
    end -= depth - 1;
  } else if (before !== "(") {
    while (end > start && text[end - 1] === " ") end--;
    if (start === end) return null;
    text = `${text.slice(0, start)}(${text.slice(start, end)}:1.0)${text.slice(end)}`;
    start++;
    end++;
  }

  if (text[end] !== ":") return null;
  const weightLength = text.slice(end + 1).indexOf(close) + 1;
  const weight = parseFloat(text.slice(end + 1, end + weightLength));
  if (Number.isNaN(weight)) return null;
  const next = formatWeight(weight + (up ? step : -step));

  if (close === ")" && Number(next) === 1) {
    const closing = text.slice(end).indexOf(")");
    return { text: text.slice(0, start - 1) + text.slice(start, end) + text.slice(end + closing + 1), start: start - 1, end: end - 1 };
  }
  return { text: text.slice(0, end + 1) + next + text.slice(end + weightLength), start, end };
}
