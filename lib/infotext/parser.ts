// Parsing A1111's infotext (docs/a1111/infotext.md): A1111's `parse_generation_parameters` (v1.10.1) — the
// text split into prompt, negative prompt and `{key: value}` strings, styles recognised, and the defaults
// and backwards-compatibility keys a paste relies on filled in.
import { unquoteInfotextValue } from "@/lib/infotext/values";
import { extractStylesFromPrompt, type PromptStyle } from "@/lib/infotext/styles";
import { applyVersionCompatibility, hiresPromptsHaveStyles, parseInfotextVersion } from "@/lib/infotext/versions";
import { parsePromptAttention } from "@/lib/prompts/attention";
import { pythonInt } from "@/lib/python/int";
import { isPythonSpace, isPythonWord } from "@/lib/python/regex-classes";

const imageSizePattern = /^(\d+)x(\d+)$/;

// A1111's `re_param` (`\s*(\w[\w \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)`) with findall, scanned by hand
// because the regex is quadratic on a long line without colons: at every start position its key run
// scans to the end of the line before failing (docs/security.md#size-and-nesting-limits). `\s`, `\w` and
// `.` are Python's (docs/python-values.md#regex-character-classes).
const isKeyChar = (cp: number) => isPythonWord(cp) || cp === 0x20 || cp === 0x2d || cp === 0x2f;
const width = (cp: number) => (cp > 0xffff ? 2 : 1);

/**
 * `re_param.findall(line)` in one pass. A failed attempt at a position fails at every position up to the
 * end of the key run it scanned, so scanning resumes there; the quoted-value loop is deterministic from
 * any start, so its stopping point is memoised per position. Every character is looked at a bounded
 * number of times.
 */
export function paramItems(line: string): Array<[string, string]> {
  const n = line.length;
  const at = (i: number) => {
    const unit = line.charCodeAt(i);
    return unit < 0xd800 || unit > 0xdbff ? unit : line.codePointAt(i)!;
  };
  const skipSpaces = (i: number) => {
    while (i < n && isPythonSpace(at(i))) i += width(at(i));
    return i;
  };
  // Where `(?:\\.|[^\\"])+` starting at i stops; -1 = not yet known.
  const stops = new Int32Array(n + 1).fill(-1);
  stops[n] = n;
  const quotedStop = (i: number) => {
    const chain: number[] = [];
    let j = i;
    while (stops[j] < 0) {
      const cp = at(j);
      if (cp === 0x5c) {
        if (j + 1 >= n || line[j + 1] === "\n") break;
        chain.push(j);
        j += 1 + width(at(j + 1));
      } else if (cp === 0x22) {
        break;
      } else {
        chain.push(j);
        j += width(cp);
      }
    }
    const stop = stops[j] >= 0 ? stops[j] : j;
    stops[j] = stop;
    for (const k of chain) stops[k] = stop;
    return stop;
  };

  const items: Array<[string, string]> = [];
  let pos = 0;
  while (pos < n) {
    const start = skipSpaces(pos);
    if (start >= n) break;
    const first = at(start);
    let end = start + width(first);
    if (!isPythonWord(first)) {
      pos = end;
      continue;
    }
    while (end < n && isKeyChar(at(end))) end += width(at(end));
    if (end === start + width(first) || line[end] !== ":") {
      pos = end;
      continue;
    }
    const key = line.slice(start, end);
    const valueStart = skipSpaces(end + 1);
    let valueEnd = -1;
    if (line[valueStart] === '"') {
      const close = quotedStop(valueStart + 1);
      if (close > valueStart + 1 && line[close] === '"' && (close + 1 === n || line[close + 1] === ",")) valueEnd = close + 1;
    }
    if (valueEnd < 0) {
      const comma = line.indexOf(",", valueStart);
      valueEnd = comma < 0 ? n : comma;
    }
    items.push([key, line.slice(valueStart, valueEnd)]);
    pos = valueEnd < n ? valueEnd + 1 : n; // the `(?:,|$)`
  }
  return items;
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
    // Only a bracket group changes a weight: a prompt without brackets need not be parsed.
    return prompts.some((p) => /[([]/.test(p) && parsePromptAttention(p).some(([text, weight]) => weight !== 1 && text !== "BREAK"));
  } catch {
    // `(a:1.5.5)`: A1111 raises here, and brackets nested past the prompt limit are refused; a paste
    // should still work, so the field is left unset.
    return false;
  }
}

interface InfotextParts {
  prompt: string;
  /** null when the text has no "Negative prompt:" line. */
  negativePrompt: string | null;
  /** The last line's `key: value` pairs as written, quoted values unquoted. */
  items: Array<[string, string]>;
}

/** The prompt lines, the negative prompt lines and the parameters line of an infotext, as A1111 splits them. */
function infotextParts(text: string): InfotextParts {
  const lines = text.trim().split("\n");
  const lastLine = lines.pop()!;
  let items = paramItems(lastLine);
  if (items.length < 3) {
    lines.push(lastLine);
    items = [];
  }

  let prompt = "";
  let negativePrompt: string | null = null;
  for (const raw of lines) {
    let line = raw.trim();
    if (line.startsWith("Negative prompt:")) {
      negativePrompt ??= "";
      line = line.slice("Negative prompt:".length).trim();
    }
    if (negativePrompt !== null) negativePrompt += (negativePrompt === "" ? "" : "\n") + line;
    else prompt += (prompt === "" ? "" : "\n") + line;
  }
  const unquoted = items.map(([key, raw]): [string, string] => [key, raw.length > 0 && raw[0] === '"' && raw[raw.length - 1] === '"' ? unquoteInfotextValue(raw) : raw]);
  return { prompt, negativePrompt, items: unquoted };
}

/**
 * The fields an infotext itself holds, as written ("Size: 512x512", not Size-1/Size-2), without the
 * defaults parseGenerationParameters adds for a paste: what the PNG Info tab lists (docs/a1111/infotext.md#parsing).
 */
export function writtenInfotextFields(text: string): Record<string, string> {
  const { prompt, negativePrompt, items } = infotextParts(text);
  const fields: Record<string, string> = { Prompt: prompt };
  if (negativePrompt !== null) fields["Negative prompt"] = negativePrompt;
  for (const [key, value] of items) fields[key] = value;
  return fields;
}

/** A1111 `parse_generation_parameters` (v1.10.1): infotext → `{key: value}`, all values strings. */
export function parseGenerationParameters(text: string, options: ParseInfotextOptions = {}): Record<string, string> {
  const res: Record<string, string> = {};
  const parts = infotextParts(text);
  let prompt = parts.prompt;
  let negativePrompt = parts.negativePrompt ?? "";

  for (const [key, value] of parts.items) {
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
