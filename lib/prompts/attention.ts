// A1111's attention syntax (docs/a1111/prompts.md#attention): `(text)` ×1.1, `[text]` ×1/1.1, `(text:w)` ×w,
// backslash escapes, and `BREAK` markers. Weights are IEEE doubles multiplied when a bracket closes,
// innermost first, so `((a))` is 1.1·1.1 = 1.2100000000000002 exactly as in Python.
import { MAX_PROMPT_NESTING, PromptNestingError, promptNestingDepth } from "@/lib/prompts/nesting";
import { codePointBefore, isPythonSpace, isPythonWord } from "@/lib/python/regex-classes";

export type WeightedRun = [text: string, weight: number];

export const breakMarker: WeightedRun = ["BREAK", -1];

const roundMultiplier = 1.1;
const squareMultiplier = 1 / 1.1;

// Alternatives in A1111's order: escapes (`\(` `\)` `\[` `\]` `\\`, then a lone `\`), openers,
// `:w)` closing a round group with an explicit weight, closers, plain text, a lone colon.
const attentionToken = /\\\(|\\\)|\\\[|\\\]|\\\\|\\|\(|\[|:\s*([+-]?[.\d]+)\s*\)|\)|\]|[^\\()[\]:]+|:/gu;

/**
 * Python's `re.split(r"\s*\bBREAK\b\s*", text)`, scanned by hand: the regex backtracks through every run of
 * whitespace that is not followed by BREAK, which is quadratic on a long one (docs/security.md#size-and-nesting-limits).
 * A separator takes the whitespace around a whole-word BREAK, not crossing the previous separator.
 */
function splitOnBreak(text: string): string[] {
  const parts: string[] = [];
  let partStart = 0;
  for (let search = 0; ; ) {
    const at = text.indexOf("BREAK", search);
    if (at < 0) break;
    const after = at + 5;
    if (isPythonWord(codePointBefore(text, at)) || (after < text.length && isPythonWord(text.codePointAt(after)!))) {
      search = at + 1;
      continue;
    }
    let left = at;
    while (left > partStart && isPythonSpace(codePointBefore(text, left))) left -= codePointBefore(text, left) > 0xffff ? 2 : 1;
    let right = after;
    while (right < text.length && isPythonSpace(text.codePointAt(right)!)) right += text.codePointAt(right)! > 0xffff ? 2 : 1;
    parts.push(text.slice(partStart, left));
    partStart = search = right;
  }
  parts.push(text.slice(partStart));
  return parts;
}

/** Python `float()` of the `[+-]?[.\d]+` text A1111 captures; `1.5.5` or `.` fail as in Python. */
function parseWeight(text: string): number {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) throw new Error(`could not convert string to float: '${text}'`);
  return Number(text);
}

/** A1111's `parse_prompt_attention`; PromptNestingError for brackets nested past MAX_PROMPT_NESTING. */
export function parsePromptAttention(text: string): WeightedRun[] {
  const runs: WeightedRun[] = [];
  const roundOpen: number[] = [];
  const squareOpen: number[] = [];
  const multiplyFrom = (start: number, multiplier: number) => {
    for (let i = start; i < runs.length; i++) runs[i][1] *= multiplier;
  };

  for (const match of text.matchAll(attentionToken)) {
    const token = match[0];
    const weight = match[1];
    if (token.startsWith("\\")) runs.push([token.slice(1), 1]);
    else if (token === "(" || token === "[") {
      (token === "(" ? roundOpen : squareOpen).push(runs.length);
      // Each open group multiplies every later run once: past the limit that work is quadratic.
      if (roundOpen.length + squareOpen.length > MAX_PROMPT_NESTING) throw new PromptNestingError(promptNestingDepth(text));
    }
    else if (weight !== undefined && roundOpen.length > 0) multiplyFrom(roundOpen.pop()!, parseWeight(weight));
    else if (token === ")" && roundOpen.length > 0) multiplyFrom(roundOpen.pop()!, roundMultiplier);
    else if (token === "]" && squareOpen.length > 0) multiplyFrom(squareOpen.pop()!, squareMultiplier);
    else {
      splitOnBreak(token).forEach((part, i) => {
        if (i > 0) runs.push([...breakMarker]);
        runs.push([part, 1]);
      });
    }
  }
  // Groups still open at the end apply to everything after them: all round ones, then all square ones.
  for (const start of roundOpen) multiplyFrom(start, roundMultiplier);
  for (const start of squareOpen) multiplyFrom(start, squareMultiplier);

  if (runs.length === 0) return [["", 1]];
  // Merge neighbours whose weights are bit-identical.
  const merged: WeightedRun[] = [runs[0]];
  for (const run of runs.slice(1)) {
    const last = merged[merged.length - 1];
    if (last[1] === run[1]) last[0] += run[0];
    else merged.push(run);
  }
  return merged;
}
