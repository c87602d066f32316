"use server";
// The prompt boxes' token counter (docs/a1111/prompts.md#token-counter): counted on the server with the
// selected checkpoint's own tokenizer, without loading the model, an embedding counting one token per vector
// (docs/textual-inversion.md#chunks).
import { defaultCheckpoint } from "@/lib/models/checkpoints";
import { readModelFolder } from "@/lib/models/model-folder";
import { modelEmbeddings } from "@/lib/networks/embedding-database";
import { promptTokenCount, type TokenCount } from "@/lib/prompts/token-counter";
import { loadOptions } from "@/lib/settings/store";
import { applyStyles } from "@/lib/styles/apply-styles";
import { loadStyles } from "@/lib/styles/styles-file";
import { folderTokenizer } from "@/lib/tokenizers/folder-tokenizers";

/** Prompts longer than a job allows are not counted (the box shows nothing rather than blocking the server). */
const MAX_COUNTED = 50_000;

export async function countTokens(text: string, steps: number, styles: string[], isPositive: boolean): Promise<TokenCount | null> {
  if (typeof text !== "string" || text.length > MAX_COUNTED) return null;
  const options = loadOptions();
  const checkpoint = defaultCheckpoint(options.sd_model_checkpoint ?? "");
  const folder = readModelFolder(checkpoint.dir);
  const names = Array.isArray(styles) ? styles.filter((s) => typeof s === "string") : [];
  const styled = options.include_styles_into_token_counters && names.length > 0 ? applyStyles(text, names, loadStyles(), isPositive ? "prompt" : "negativePrompt") : text;
  const safeSteps = Number.isInteger(steps) && steps >= 1 && steps <= 150 ? steps : 20;
  const clip = await folderTokenizer(folder.tokenizerDir);
  return promptTokenCount(clip, styled, { steps: safeSteps, isPositive, emphasis: options.emphasis, commaPaddingBacktrack: options.comma_padding_backtrack, embeddings: modelEmbeddings(folder, clip) });
}
