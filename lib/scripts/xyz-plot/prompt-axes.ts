// Prompt S/R and Prompt order (docs/a1111/xyz-plot.md#prompt-sr-and-prompt-order): both edit the prompt text only, so a cell's
// conditioning differs from its neighbours' exactly where the user asked.

export interface PromptPair {
  prompt: string;
  negativePrompt: string;
}

/**
 * Prompt S/R: every occurrence of the axis' first value is replaced by `value` in both prompts.
 * The first value must occur in one of them, else the plot fails as A1111's does.
 */
export function searchReplacePrompt<T extends PromptPair>(params: T, value: string, allValues: readonly string[]): T {
  const search = allValues[0];
  if (!params.prompt.includes(search) && !params.negativePrompt.includes(search)) {
    throw new Error(`Prompt S/R did not find ${search} in prompt or negative prompt.`);
  }
  return { ...params, prompt: pythonReplace(params.prompt, search, value), negativePrompt: pythonReplace(params.negativePrompt, search, value) };
}

/** Python's str.replace: an empty search string matches before every character and at the end. */
function pythonReplace(text: string, search: string, value: string): string {
  if (search === "") return value + [...text].join(value) + (text ? value : "");
  return text.split(search).join(value);
}

/**
 * Prompt order: the tokens are cut out of the prompt in order of first occurrence and put back in
 * the order of `permutation`, keeping the text between them.
 */
export function reorderPrompt<T extends PromptPair>(params: T, permutation: readonly string[]): T {
  // A1111 sorts by str.find, so a missing token (-1) sorts first; the stable sort keeps ties in axis order.
  const byPosition = permutation.map((token) => ({ token, at: params.prompt.indexOf(token) })).sort((a, b) => a.at - b.at);
  let rest = params.prompt;
  const gaps: string[] = [];
  for (const { token } of byPosition) {
    const at = rest.indexOf(token);
    gaps.push(rest.slice(0, at));
    rest = rest.slice(at + token.length);
  }
  const rebuilt = gaps.map((gap, i) => gap + permutation[i]).join("");
  return { ...params, prompt: rebuilt + rest };
}

/** Every ordering of `items`, in Python's itertools.permutations order (lexicographic by position). */
export function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((first, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [first, ...rest]));
}
