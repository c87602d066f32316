// Parsing A1111's infotext (docs/a1111/infotext.md): A1111's `parse_generation_parameters` (v1.10.1) — the
// text split into prompt, negative prompt and `{key: value}` strings, styles recognised, and the defaults
// and backwards-compatibility keys a paste relies on filled in.
import { unquoteInfotextValue } from "@/lib/infotext/values";
import { extractStylesFromPrompt, type PromptStyle } from "@/lib/infotext/styles";
import { applyVersionCompatibility, hiresPromptsHaveStyles, parseInfotextVersion } from "@/lib/infotext/versions";
import { parsePromptAttention } from "@/lib/prompts/attention";
import { pythonInt } from "@/lib/python/int";

// A1111 `re_param`: key (word char, then word chars, spaces, `-`, `/`), `:`, quoted or comma-free value.
const paramPattern = /\s*([\p{L}\p{N}_][\p{L}\p{N}_ \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)/gu;
const imageSizePattern = /^(\d+)x(\d+)$/;

function paramItems(line: string): Array<[string, string]> {
  return Array.from(line.matchAll(paramPattern), (m) => [m[1], m[2]]);
}

export interface ParseInfotextOptions {
  /** Known styles to recognise in the prompts (A1111's styles.csv). */
  styles?: readonly PromptStyle[];
  /** A1111 setting "Infer styles from prompts of pasted infotext". */
  inferStyles?: "Ignore" | "Apply" | "Apply if any";
  /** A1111 setting "Disregard fields from pasted infotext". */
  skipFields?: readonly string[];
  /** A1111 setting "Automatically enable backwards compatibility options" (on). */
  backcompat?: boolean;
}

/** A1111 `old_hires_fix_first_pass_dimensions`: ~512² pixels, rounded up to multiples of 64. */
function oldHiresFirstPass(width: number, height: number): [number, number] {
  const scale = Math.sqrt((512 * 512) / (width * height));
  return [Math.ceil((scale * width) / 64) * 64, Math.ceil((scale * height) / 64) * 64];
}

/** Python `int(text)` of a field, or `fallback` when the field is absent. */
function intField(text: string | undefined, fallback: number): number {
  return text === undefined ? fallback : pythonInt(text);
}

/** A1111 `restore_old_hires_fix_params`: `First pass size` infotexts from the old hires fix. */
function restoreOldHiresFix(res: Record<string, string>): void {
  if (res["First pass size-1"] === undefined || res["First pass size-2"] === undefined) return;
  let first: [number, number] = [intField(res["First pass size-1"], 0), intField(res["First pass size-2"], 0)];
  const width = intField(res["Size-1"], 512);
  const height = intField(res["Size-2"], 512);
  if (first[0] === 0 || first[1] === 0) first = oldHiresFirstPass(width, height);
  res["Size-1"] = String(first[0]);
  res["Size-2"] = String(first[1]);
  res["Hires resize-1"] = String(width);
  res["Hires resize-2"] = String(height);
}

function usesEmphasis(prompts: string[]): boolean {
  try {
    return prompts.some((p) => parsePromptAttention(p).some(([text, weight]) => weight !== 1 && text !== "BREAK"));
  } catch {
    // `(a:1.5.5)`: A1111 raises here; a paste should still work, so the field is left unset.
    return false;
  }
}

/** A1111 `parse_generation_parameters` (v1.10.1): infotext → `{key: value}`, all values strings. */
export function parseGenerationParameters(text: string, options: ParseInfotextOptions = {}): Record<string, string> {
  const res: Record<string, string> = {};
  const lines = text.trim().split("\n");
  let lastLine = lines.pop()!;
  if (paramItems(lastLine).length < 3) {
    lines.push(lastLine);
    lastLine = "";
  }

  let prompt = "";
  let negativePrompt = "";
  let doneWithPrompt = false;
  for (const raw of lines) {
    let line = raw.trim();
    if (line.startsWith("Negative prompt:")) {
      doneWithPrompt = true;
      line = line.slice("Negative prompt:".length).trim();
    }
    if (doneWithPrompt) negativePrompt += (negativePrompt === "" ? "" : "\n") + line;
    else prompt += (prompt === "" ? "" : "\n") + line;
  }

  for (const [key, raw] of paramItems(lastLine)) {
    const value = raw.length > 0 && raw[0] === '"' && raw[raw.length - 1] === '"' ? unquoteInfotextValue(raw) : raw;
    const size = imageSizePattern.exec(value);
    if (size) {
      res[`${key}-1`] = size[1];
      res[`${key}-2`] = size[2];
    } else {
      res[key] = value;
    }
  }

  const inferStyles = options.inferStyles ?? "Apply if any";
  if (inferStyles !== "Ignore") {
    const found = extractStylesFromPrompt(options.styles ?? [], prompt, negativePrompt);
    let sameHiresStyles = true;
    const version = parseInfotextVersion(res["Version"]);
    const hasHiresPrompts = res["Hires prompt"] !== undefined || res["Hires negative prompt"] !== undefined;
    if (hasHiresPrompts && hiresPromptsHaveStyles(version)) {
      const hires = extractStylesFromPrompt(options.styles ?? [], res["Hires prompt"] ?? prompt, res["Hires negative prompt"] ?? negativePrompt);
      sameHiresStyles = JSON.stringify(hires.styles) === JSON.stringify(found.styles);
      if (sameHiresStyles) {
        res["Hires prompt"] = hires.prompt === found.prompt ? "" : hires.prompt;
        res["Hires negative prompt"] = hires.negativePrompt === found.negativePrompt ? "" : hires.negativePrompt;
      }
    }
    if (sameHiresStyles) {
      prompt = found.prompt;
      negativePrompt = found.negativePrompt;
      if (inferStyles === "Apply" || found.styles.length > 0) res["Styles array"] = JSON.stringify(found.styles);
    }
  }

  res["Prompt"] = prompt;
  res["Negative prompt"] = negativePrompt;

  const setDefault = (key: string, value: string) => {
    if (res[key] === undefined) res[key] = value;
  };
  setDefault("Clip skip", "1");
  if (res["Hypernet"] !== undefined) res["Prompt"] += `<hypernet:${res["Hypernet"]}:${res["Hypernet strength"] ?? "1.0"}>`;
  if (res["Hires resize-1"] === undefined) {
    res["Hires resize-1"] = "0";
    res["Hires resize-2"] = "0";
  }
  setDefault("Hires sampler", "Use same sampler");
  setDefault("Hires schedule type", "Use same scheduler");
  setDefault("Hires checkpoint", "Use same checkpoint");
  setDefault("Hires prompt", "");
  setDefault("Hires negative prompt", "");
  restoreOldHiresFix(res);
  setDefault("Mask mode", "Inpaint masked");
  setDefault("Masked content", "original");
  setDefault("Inpaint area", "Whole picture");
  setDefault("Masked area padding", "32");
  setDefault("RNG", "GPU");
  setDefault("Schedule type", "Automatic");
  setDefault("Schedule max sigma", "0");
  setDefault("Schedule min sigma", "0");
  setDefault("Schedule rho", "0");
  setDefault("VAE Encoder", "Full");
  setDefault("VAE Decoder", "Full");
  setDefault("FP8 weight", "Disable");
  if (res["FP8 weight"] !== "Disable") setDefault("Cache FP16 weight for LoRA", "False");
  if (res["Emphasis"] === undefined && usesEmphasis([prompt, negativePrompt])) res["Emphasis"] = "Original";
  setDefault("Refiner switch by sampling steps", "False");

  if (options.backcompat ?? true) applyVersionCompatibility(res);
  for (const key of options.skipFields ?? []) delete res[key];
  return res;
}
