// ADetailer's per-mask prompts (docs/adetailer.md#inpaint-passes): a tab's prompt split on [SEP]; an empty part is the
// image's own prompt, [PROMPT] inside a part is replaced by it; mask j takes part min(j, parts − 1); a part that
// is only [SKIP] skips the mask.
export function splitPrompt(adPrompt: string, imagePrompt: string): string[] {
  return adPrompt.split(/\s*\[SEP\]\s*/).map((part) => (part === "" ? imagePrompt : part.replaceAll("[PROMPT]", imagePrompt)));
}

export const promptForMask = (parts: readonly string[], j: number): string => parts[Math.min(j, parts.length - 1)];

export const isSkip = (prompt: string): boolean => /^\s*\[SKIP\]\s*$/.test(prompt);

/** The image's prompt for image i (wrapping around a shorter list, as ADetailer); `fallback` for an empty list. */
export function imagePrompt(all: readonly string[], i: number, fallback: string): string {
  return all.length === 0 ? fallback : all[i % all.length];
}
