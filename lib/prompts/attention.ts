// A1111's attention syntax (docs/a1111/prompts.md#attention): `(text)` ×1.1, `[text]` ×1/1.1, `(text:w)` ×w,
// backslash escapes, and `BREAK` markers. Weights are IEEE doubles multiplied when a bracket closes,
// innermost first, so `((a))` is 1.1·1.1 = 1.2100000000000002 exactly as in Python.

export type WeightedRun = [text: string, weight: number];

export const breakMarker: WeightedRun = ["BREAK", -1];

const roundMultiplier = 1.1;
const squareMultiplier = 1 / 1.1;

// Alternatives in A1111's order: escapes (`\(` `\)` `\[` `\]` `\\`, then a lone `\`), openers,
// `:w)` closing a round group with an explicit weight, closers, plain text, a lone colon.
const attentionToken = /\\\(|\\\)|\\\[|\\\]|\\\\|\\|\(|\[|:\s*([+-]?[.\d]+)\s*\)|\)|\]|[^\\()[\]:]+|:/gu;

// Python's `\s*\bBREAK\b\s*`; `\b` written with lookarounds because Python's word characters are unicode.
const breakPattern = /\s*(?<![\p{L}\p{N}_])BREAK(?![\p{L}\p{N}_])\s*/u;

/** Python `float()` of the `[+-]?[.\d]+` text A1111 captures; `1.5.5` or `.` fail as in Python. */
function parseWeight(text: string): number {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) throw new Error(`could not convert string to float: '${text}'`);
  return Number(text);
}

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
    else if (token === "(") roundOpen.push(runs.length);
    else if (token === "[") squareOpen.push(runs.length);
    else if (weight !== undefined && roundOpen.length > 0) multiplyFrom(roundOpen.pop()!, parseWeight(weight));
    else if (token === ")" && roundOpen.length > 0) multiplyFrom(roundOpen.pop()!, roundMultiplier);
    else if (token === "]" && squareOpen.length > 0) multiplyFrom(squareOpen.pop()!, squareMultiplier);
    else {
      token.split(breakPattern).forEach((part, i) => {
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
