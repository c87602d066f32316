"use server";
// Server actions of the styles editor beside the prompts: save (add or replace by name) and delete a style in
// styles.csv, answering the styles after the change.
import type { PromptStyle } from "@/lib/infotext/styles";
import { loadStyles, saveStyles } from "@/lib/styles/styles-file";

const MAX_STYLE_TEXT = 50_000;

export async function saveStyle(style: PromptStyle): Promise<PromptStyle[]> {
  const name = String(style.name ?? "").trim();
  if (!name || name.length > 1000) throw new Error("a style needs a name of at most 1000 characters");
  const saved = { name, prompt: String(style.prompt ?? "").slice(0, MAX_STYLE_TEXT), negativePrompt: String(style.negativePrompt ?? "").slice(0, MAX_STYLE_TEXT) };
  const styles = loadStyles();
  const at = styles.findIndex((s) => s.name === name);
  if (at >= 0) styles[at] = saved;
  else styles.push(saved);
  saveStyles(styles);
  return styles;
}

export async function deleteStyle(name: string): Promise<PromptStyle[]> {
  const styles = loadStyles().filter((s) => s.name !== name);
  saveStyles(styles);
  return styles;
}
