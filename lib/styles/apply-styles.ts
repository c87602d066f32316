// Applying styles to a prompt as A1111 does (docs/a1111/prompts.md#styles): each style in the order selected,
// `{prompt}` replaced by the prompt so far, otherwise the style's text appended after a comma.
import type { PromptStyle } from "@/lib/infotext/styles";

/** A1111 `merge_prompts`: one style's text applied to a prompt. */
export function mergeStylePrompt(styleText: string, prompt: string): string {
  if (styleText.includes("{prompt}")) return styleText.replaceAll("{prompt}", prompt);
  return [prompt.trim(), styleText.trim()].filter(Boolean).join(", ");
}

/** A1111 `apply_styles_to_prompt`: the named styles applied in order; unknown names apply nothing. */
export function applyStyles(prompt: string, names: readonly string[], styles: readonly PromptStyle[], field: "prompt" | "negativePrompt"): string {
  for (const name of names) {
    const style = styles.find((s) => s.name === name);
    prompt = mergeStylePrompt(style?.[field] ?? "", prompt);
  }
  return prompt;
}
