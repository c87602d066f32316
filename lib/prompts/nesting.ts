// How deep brackets may nest in a prompt (docs/security.md#size-and-nesting-limits). Both prompt parsers
// keep one level of state per open bracket — the schedule parser recurses, the attention parser
// multiplies every run inside a group when it closes — so their work grows with the depth; A1111's
// prompts nest a few levels, and past a few thousand the recursion would overflow the stack. Requests
// with deeper prompts are refused before they are queued (lib/pipeline/params.ts).

export const MAX_PROMPT_NESTING = 100;

/**
 * How many brackets are open at most, counted as the attention parser keeps them: `(` and `[` each, a
 * closer closing only its own kind, stray closers ignored, escapes skipped. This also bounds the
 * schedule parser's recursion, which unwinds at a closer of either kind.
 */
export function promptNestingDepth(text: string): number {
  let round = 0;
  let square = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\" && text[i + 1] !== "\n") i++;
    else if (c === "(") round++;
    else if (c === "[") square++;
    else if (c === ")" && round > 0) round--;
    else if (c === "]" && square > 0) square--;
    deepest = Math.max(deepest, round + square);
  }
  return deepest;
}

export class PromptNestingError extends Error {
  constructor(depth: number) {
    super(`brackets nested ${depth} levels deep; prompts may nest at most ${MAX_PROMPT_NESTING}`);
    this.name = "PromptNestingError";
  }
}
