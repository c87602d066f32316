// A1111's infotext ("generation parameters", a1111-spec.md §4): the text stored with every image
// that lets anyone paste it back and get the same picture. Writer (§4.1–4.3) and parser (§4.5).
import { parsePromptAttention } from "@/lib/prompts/attention";

// ---------------------------------------------------------------------------------------------
// Values as Python prints them (`str(value)`)

/** A Python float: printed with ".0" or an exponent even when integral (`pyFloat(7)` → "7.0"). */
export interface PyFloat {
  readonly pyFloat: number;
}

export function pyFloat(value: number): PyFloat {
  return { pyFloat: value };
}

/** number: a Python int when integral, else a Python float; use `pyFloat` for an integral float. */
export type InfotextValue = string | number | boolean | PyFloat;

/** Python's `repr(float)`: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
export function formatPythonFloat(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mantissa, exponentText] = x.toExponential().split("e");
  const exponent = Number(exponentText);
  const sign = mantissa.startsWith("-") ? "-" : "";
  const digits = mantissa.replace("-", "").replace(".", "");
  if (exponent < -4 || exponent >= 16) {
    const fraction = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expSign = exponent < 0 ? "-" : "+";
    return `${sign}${fraction}e${expSign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
  const fracPart = digits.slice(exponent + 1);
  return `${sign}${intPart}.${fracPart || "0"}`;
}

/** Python `str(value)`. */
export function formatInfotextValue(value: InfotextValue): string {
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return Number.isInteger(value) ? BigInt(value).toString() : formatPythonFloat(value);
  return formatPythonFloat(value.pyFloat);
}

/** A1111 `quote`: JSON string (non-ASCII kept) when the text has a comma, colon or newline. */
export function quoteInfotextValue(text: string): string {
  return /[,:\n]/.test(text) ? JSON.stringify(text) : text;
}

/** A1111 `unquote`: a `"…"` value JSON-decoded, kept as written when that fails. */
export function unquoteInfotextValue(text: string): string {
  if (text.length === 0 || text[0] !== '"' || text[text.length - 1] !== '"') return text;
  try {
    const decoded: unknown = JSON.parse(text);
    return typeof decoded === "string" ? decoded : text;
  } catch {
    return text;
  }
}

/** One `Key: value` item; the key alone when the value is the key itself (`Tiling`-style flags). */
export function formatInfotextItem(key: string, value: InfotextValue): string {
  if (value === key) return key;
  return `${key}: ${quoteInfotextValue(formatInfotextValue(value))}`;
}

// ---------------------------------------------------------------------------------------------
// Writing

export interface InfotextParams {
  prompt: string;
  negativePrompt: string;
  steps: number;
  sampler: string;
  /** The requested schedule label; a sampler's resolved one goes into `extraParams`. */
  scheduleType: string;
  cfgScale: number;
  imageCfgScale?: number;
  seed: number;
  faceRestoration?: string;
  width: number;
  height: number;
  modelHash?: string;
  model?: string;
  fp8Weight?: string;
  cacheFp16WeightForLora?: boolean;
  vaeHash?: string;
  vae?: string;
  variationSeed?: number;
  variationSeedStrength?: number;
  seedResizeFrom?: { width: number; height: number };
  denoisingStrength?: number;
  conditionalMaskWeight?: number;
  clipSkip?: number;
  ensd?: number;
  tokenMergingRatio?: number;
  tokenMergingRatioHr?: number;
  initImageHash?: string;
  rng?: string;
  tiling?: boolean;
  version?: string;
  user?: string;
  /**
   * Whole-valued float fields print as Python floats ("CFG scale: 7.0"), as they do for API requests whose
   * fields are pydantic floats; the A1111 UI sends JSON numbers and writes "CFG scale: 7".
   */
  pythonFloats?: boolean;
}

type Entry = InfotextValue | null | undefined;


/** The §4.2 parameter order, with the conditions that depend only on the value itself. */
function fixedEntries(p: InfotextParams): Array<[string, Entry]> {
  const float = (x: number) => (p.pythonFloats ? pyFloat(x) : x);
  const floatOrUndefined = (x: number | undefined) => (x === undefined ? undefined : float(x));
  const nonZeroFloat = (x: number | undefined) => (x ? float(x) : undefined);
  const variation = p.variationSeedStrength ? p.variationSeedStrength : undefined;
  const resize = p.seedResizeFrom && p.seedResizeFrom.width > 0 && p.seedResizeFrom.height > 0 ? p.seedResizeFrom : undefined;
  return [
    ["Steps", p.steps],
    ["Sampler", p.sampler],
    ["Schedule type", p.scheduleType],
    ["CFG scale", float(p.cfgScale)],
    ["Image CFG scale", floatOrUndefined(p.imageCfgScale)],
    ["Seed", p.seed],
    ["Face restoration", p.faceRestoration],
    ["Size", `${p.width}x${p.height}`],
    ["Model hash", p.modelHash],
    ["Model", p.model],
    ["FP8 weight", p.fp8Weight],
    ["Cache FP16 weight for LoRA", p.cacheFp16WeightForLora],
    ["VAE hash", p.vaeHash],
    ["VAE", p.vae],
    ["Variation seed", variation === undefined ? undefined : p.variationSeed],
    ["Variation seed strength", floatOrUndefined(variation)],
    ["Seed resize from", resize && `${resize.width}x${resize.height}`],
    ["Denoising strength", floatOrUndefined(p.denoisingStrength)],
    ["Conditional mask weight", floatOrUndefined(p.conditionalMaskWeight)],
    ["Clip skip", p.clipSkip !== undefined && p.clipSkip > 1 ? p.clipSkip : undefined],
    ["ENSD", p.ensd ? p.ensd : undefined],
    ["Token merging ratio", nonZeroFloat(p.tokenMergingRatio)],
    ["Token merging ratio hr", nonZeroFloat(p.tokenMergingRatioHr)],
    ["Init image hash", p.initImageHash],
    ["RNG", p.rng !== undefined && p.rng !== "GPU" ? p.rng : undefined],
    ["Tiling", p.tiling ? true : undefined],
  ];
}

/** The parameter line: fixed keys, then extras (a key already present keeps its place), Version, User. */
export function createParametersLine(params: InfotextParams, extraParams: ReadonlyMap<string, Entry> = new Map()): string {
  const entries = new Map<string, Entry>(fixedEntries(params));
  for (const [key, value] of extraParams) entries.set(key, value);
  entries.set("Version", params.version);
  entries.set("User", params.user);
  const items: string[] = [];
  for (const [key, value] of entries) if (value !== null && value !== undefined) items.push(formatInfotextItem(key, value));
  return items.join(", ");
}

/** The full infotext: prompt, `Negative prompt: …` line when non-empty, parameter line; stripped. */
export function createInfotext(params: InfotextParams, extraParams?: ReadonlyMap<string, Entry>): string {
  const negative = params.negativePrompt ? `\nNegative prompt: ${params.negativePrompt}` : "";
  return `${params.prompt}${negative}\n${createParametersLine(params, extraParams)}`.trim();
}

/**
 * Adds fields to a finished infotext's parameter line, before `Version`/`User` as A1111's
 * extra_generation_params would have placed them (scripts that label a grid with its first cell's text).
 */
export function appendInfotextFields(infotext: string, fields: ReadonlyMap<string, Entry>): string {
  const lines = infotext.split("\n");
  const last = lines.length - 1;
  const items = [...fields].filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => formatInfotextItem(k, v as InfotextValue));
  if (!items.length) return infotext;
  const tail = /(, )?(Version: [^,]*(, User: .*)?|User: .*)$/.exec(lines[last]);
  lines[last] = tail
    ? `${lines[last].slice(0, tail.index)}, ${items.join(", ")}${tail[1] ?? ", "}${tail[2]}`.replace(/^, /, "")
    : `${lines[last]}, ${items.join(", ")}`;
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------
// Parsing

// A1111 `re_param`: key (word char, then word chars, spaces, `-`, `/`), `:`, quoted or comma-free value.
const paramPattern = /\s*([\p{L}\p{N}_][\p{L}\p{N}_ \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)/gu;
const imageSizePattern = /^(\d+)x(\d+)$/;

function paramItems(line: string): Array<[string, string]> {
  return Array.from(line.matchAll(paramPattern), (m) => [m[1], m[2]]);
}

export interface PromptStyle {
  name: string;
  prompt: string;
  negativePrompt: string;
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

// PEP 440 ordering, enough for A1111 version strings (`v1.10.1`, `v1.7.0-225`, `1.6.0-RC`).
interface ParsedVersion {
  release: number[];
  pre: [number, number] | null;
  post: number | null;
  dev: number | null;
}

const versionPattern =
  /^v?(\d+(?:\.\d+)*)(?:[-_.]?(a|alpha|b|beta|c|rc|pre|preview)[-_.]?(\d*))?(?:-(\d+)|[-_.]?(?:post|rev|r)[-_.]?(\d*))?(?:[-_.]?dev[-_.]?(\d*))?$/i;
const prePhase: Record<string, number> = { a: 0, alpha: 0, b: 1, beta: 1, c: 2, rc: 2, pre: 2, preview: 2 };

/** A1111 `parse_version`: cut to the first two dash-separated parts, then PEP 440; null if invalid. */
export function parseInfotextVersion(text: string | undefined): ParsedVersion | null {
  if (text === undefined) return null;
  const cut = /^([^-]+-[^-]+)-/.exec(text);
  const m = versionPattern.exec((cut ? cut[1] : text).trim());
  if (!m) return null;
  const release = m[1].split(".").map(Number);
  while (release.length > 1 && release[release.length - 1] === 0) release.pop();
  const post = m[4] !== undefined ? Number(m[4]) : m[5] !== undefined ? Number(m[5] || 0) : null;
  return {
    release,
    pre: m[2] ? [prePhase[m[2].toLowerCase()], Number(m[3] || 0)] : null,
    post,
    dev: m[6] !== undefined ? Number(m[6] || 0) : null,
  };
}

function compareVersions(a: ParsedVersion, b: ParsedVersion): number {
  for (let i = 0; i < Math.max(a.release.length, b.release.length); i++) {
    const d = (a.release[i] ?? 0) - (b.release[i] ?? 0);
    if (d !== 0) return d;
  }
  // dev-only release < pre-releases < the release < post-releases; dev sorts before its base.
  const preKey = (v: ParsedVersion): number[] =>
    v.pre ? v.pre : v.dev !== null && v.post === null ? [-Infinity] : [Infinity];
  const keys = (v: ParsedVersion): number[] => [...preKey(v), v.post ?? -Infinity, v.dev ?? Infinity];
  const ka = keys(a);
  const kb = keys(b);
  for (let i = 0; i < Math.max(ka.length, kb.length); i++) {
    if (ka[i] !== kb[i]) return (ka[i] ?? -Infinity) < (kb[i] ?? -Infinity) ? -1 : 1;
  }
  return 0;
}

const v160 = parseInfotextVersion("1.6.0")!;
const v170tsnr = parseInfotextVersion("v1.7.0-225")!;
const v180 = parseInfotextVersion("1.8.0")!;
const v180hrStyles = parseInfotextVersion("1.8.0-139")!;

/** A1111 `old_hires_fix_first_pass_dimensions`: ~512² pixels, rounded up to multiples of 64. */
function oldHiresFirstPass(width: number, height: number): [number, number] {
  const scale = Math.sqrt((512 * 512) / (width * height));
  return [Math.ceil((scale * width) / 64) * 64, Math.ceil((scale * height) / 64) * 64];
}

/** Python `int(text)` for the digit strings infotexts hold. */
function pyInt(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text.trim());
  if (!Number.isInteger(n)) throw new Error(`invalid literal for int(): '${text}'`);
  return n;
}

/** A1111 `restore_old_hires_fix_params`: `First pass size` infotexts from the old hires fix. */
function restoreOldHiresFix(res: Record<string, string>): void {
  if (res["First pass size-1"] === undefined || res["First pass size-2"] === undefined) return;
  let first: [number, number] = [pyInt(res["First pass size-1"], 0), pyInt(res["First pass size-2"], 0)];
  const width = pyInt(res["Size-1"], 512);
  const height = pyInt(res["Size-2"], 512);
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
    if (hasHiresPrompts && (version ? compareVersions(version, v180hrStyles) > 0 : true)) {
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

/** A1111 `infotext_versions.backcompat`: options older versions behaved as, switched on. */
function applyVersionCompatibility(res: Record<string, string>): void {
  const version = parseInfotextVersion(res["Version"]);
  if (!version) return;
  const older = (than: ParsedVersion) => compareVersions(version, than) < 0;
  if (older(v160) && res["Prompt"].includes("[")) res["Old prompt editing timelines"] = "True";
  if (older(v160) && (res["Sampler"] === "DDIM" || res["Sampler"] === "PLMS")) res["Pad conds v0"] = "True";
  if (older(v170tsnr)) res["Downcast alphas_cumprod"] = "True";
  if (older(v180) && res["Refiner"]) res["Refiner switch by sampling steps"] = "True";
}
