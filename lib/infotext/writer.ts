// Writing A1111's infotext (docs/a1111/infotext.md): the text stored with every image that lets anyone
// paste it back and get the same picture — prompt, negative prompt, then the parameter line in A1111's
// key order with its conditions.
import { pyFloat } from "@/lib/python/str";
import { formatInfotextItem, type InfotextValue } from "@/lib/infotext/values";

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

/** The fixed keys in A1111's order, with the conditions that depend only on the value itself. */
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
function createParametersLine(params: InfotextParams, extraParams: ReadonlyMap<string, Entry> = new Map()): string {
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
