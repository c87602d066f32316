// Styles in pasted infotext (docs/a1111/infotext.md): A1111 recognises a known style's text in a prompt and
// takes it out again, so that a paste selects the style instead of doubling its text.

export interface PromptStyle {
  name: string;
  prompt: string;
  negativePrompt: string;
}

/** A1111 `extract_style_text_from_prompt`: the prompt without the style, if the style is there. */
function removeStyleText(styleText: string, prompt: string): string | null {
  const stripped = prompt.trim();
  const style = styleText.trim();
  const at = style.indexOf("{prompt}");
  if (at >= 0) {
    const left = style.slice(0, at);
    const right = style.slice(at + "{prompt}".length);
    if (stripped.startsWith(left) && stripped.endsWith(right)) return stripped.slice(left.length, stripped.length - right.length);
    return null;
  }
  if (!stripped.endsWith(style)) return null;
  const rest = stripped.slice(0, stripped.length - style.length);
  return rest.endsWith(", ") ? rest.slice(0, -2) : rest;
}

/** A1111 `extract_styles_from_prompt`: removes matching styles repeatedly; names in application order. */
export function extractStylesFromPrompt(styles: readonly PromptStyle[], prompt: string, negativePrompt: string) {
  const remaining = [...styles];
  const found: string[] = [];
  for (;;) {
    const index = remaining.findIndex((style) => {
      if (!style.prompt && !style.negativePrompt) return false;
      const positive = removeStyleText(style.prompt, prompt);
      if (positive === null) return false;
      const negative = removeStyleText(style.negativePrompt, negativePrompt);
      if (negative === null) return false;
      prompt = positive;
      negativePrompt = negative;
      return true;
    });
    if (index < 0) break;
    found.push(remaining[index].name);
    remaining.splice(index, 1);
  }
  return { styles: found.reverse(), prompt, negativePrompt };
}
