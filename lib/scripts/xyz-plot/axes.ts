// The X/Y/Z plot's axis table (docs/a1111/xyz-plot.md#axis-types) for the axes Onyx has: each axis says how its
// text is parsed, how a value changes a job's parameters (pure: a new object), how it reads in the
// legend, and how costly switching it is (docs/a1111/xyz-plot.md#running-the-cells). Settings-backed axes write `overrideSettings`,
// which the job applies on top of the stored settings for that cell only.
import { formatPythonFloat } from "@/lib/python/float";
import { convertAxisItems } from "@/lib/scripts/xyz-plot/axis-values";
import { csvValues } from "@/lib/scripts/xyz-plot/csv-values";
import { permutations, reorderPrompt, searchReplacePrompt } from "@/lib/scripts/xyz-plot/prompt-axes";
import type { ScriptTab } from "@/lib/scripts/script";
import { findSampler, SAMPLERS } from "@/lib/sampling/registry";
import { findScheduleType, SCHEDULE_TYPES } from "@/lib/sampling/schedulers";

export type AxisType = "nothing" | "int" | "float" | "str" | "permutations";
export type AxisValue = number | string | string[];

/** The generation parameters an axis may change (GenerationParams and its img2img/hires extensions). */
export interface AxisTarget {
  prompt: string;
  negativePrompt: string;
  samplerName: string;
  scheduler: string;
  steps: number;
  cfgScale: number;
  width: number;
  height: number;
  seed: number;
  subseed: number;
  subseedStrength: number;
  overrideSettings: Record<string, unknown>;
  hrSecondPassSteps?: number;
  denoisingStrength?: number;
  /** Always-on scripts' arguments by title: an extension's axis changes its own script's (ADetailer's "… 1st" axes). */
  alwaysonScripts?: Record<string, { args: unknown[] | Record<string, unknown> }>;
}

/** What validation and dropdowns need from the host. */
export interface AxisEnvironment {
  checkpoints: readonly string[];
}

export interface XyzAxis {
  label: string;
  type: AxisType;
  tabs: readonly ScriptTab[];
  /** Switching cost; the costliest axis becomes the outermost loop (Checkpoint 1.0). */
  cost: number;
  apply<T extends AxisTarget>(params: T, value: AxisValue, allValues: readonly AxisValue[]): T;
  /** Legend text of one value. */
  legend(value: AxisValue): string;
  /** Fixed choices: the UI shows a multi-select instead of a text box. */
  choices?(env: AxisEnvironment): string[];
  /** Throws, before any cell runs, when a value cannot work. */
  confirm?(values: readonly AxisValue[], env: AxisEnvironment): void;
}

const BOTH: readonly ScriptTab[] = ["txt2img", "img2img"];

/** Python `str(round(x, 8))` for floats, `str(x)` otherwise. */
export function pythonValueText(value: AxisValue, type: AxisType): string {
  if (Array.isArray(value)) return value.join(", ");
  if (type === "float" && typeof value === "number") return formatPythonFloat(Number(value.toFixed(8)));
  return String(value);
}

type AxisSpec = Omit<XyzAxis, "legend" | "tabs" | "cost"> & Partial<Pick<XyzAxis, "legend" | "tabs" | "cost">> & { bareLegend?: boolean };

function axis(spec: AxisSpec): XyzAxis {
  const { bareLegend, ...rest } = spec;
  const legend = (v: AxisValue) => (bareLegend ? pythonValueText(v, spec.type) : `${spec.label}: ${pythonValueText(v, spec.type)}`);
  return { tabs: BOTH, cost: 0, legend, ...rest };
}

function field(label: string, type: AxisType, key: keyof AxisTarget, extra: Partial<AxisSpec> = {}): XyzAxis {
  return axis({ label, type, apply: (p, v) => ({ ...p, [key]: v }), ...extra });
}

function override(label: string, type: AxisType, setting: string, extra: Partial<AxisSpec> = {}): XyzAxis {
  return axis({ label, type, apply: (p, v) => ({ ...p, overrideSettings: { ...p.overrideSettings, [setting]: v } }), ...extra });
}

/** A1111's boolean override axes: exactly "true" (any case) is true. */
function booleanOverride(label: string, setting: string): XyzAxis {
  return axis({
    label,
    type: "str",
    apply: (p, v) => ({ ...p, overrideSettings: { ...p.overrideSettings, [setting]: String(v).toLowerCase() === "true" } }),
    choices: () => ["False", "True"],
  });
}

const basename = (v: AxisValue) => String(v).split(/[\\/]/).pop() ?? String(v);

function closestCheckpoint(name: string, env: AxisEnvironment): string | undefined {
  return env.checkpoints.find((c) => c === name) ?? env.checkpoints.find((c) => c.toLowerCase().includes(name.toLowerCase()));
}

export const AXES: readonly XyzAxis[] = [
  axis({ label: "Nothing", type: "nothing", apply: (p) => p, legend: () => "" }),
  field("Seed", "int", "seed"),
  field("Var. seed", "int", "subseed"),
  field("Var. strength", "float", "subseedStrength"),
  field("Steps", "int", "steps"),
  field("Hires steps", "int", "hrSecondPassSteps", { tabs: ["txt2img"] }),
  field("CFG Scale", "float", "cfgScale"),
  axis({ label: "Prompt S/R", type: "str", bareLegend: true, apply: (p, v, all) => searchReplacePrompt(p, String(v), all.map(String)) }),
  axis({ label: "Prompt order", type: "permutations", bareLegend: true, apply: (p, v) => reorderPrompt(p, v as string[]) }),
  field("Sampler", "str", "samplerName", {
    bareLegend: true,
    choices: () => SAMPLERS.map((s) => s.name),
    confirm: (values) => {
      for (const v of values) if (!findSampler(String(v))) throw new Error(`Unknown sampler: ${v}`);
    },
  }),
  axis({
    label: "Checkpoint name",
    type: "str",
    cost: 1,
    legend: basename,
    choices: (env) => [...env.checkpoints].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())),
    // Validated up front by `confirm`; the override then names the checkpoint exactly.
    apply: (p, v) => ({ ...p, overrideSettings: { ...p.overrideSettings, sd_model_checkpoint: String(v) } }),
    confirm: (values, env) => {
      for (const v of values) if (!closestCheckpoint(String(v), env)) throw new Error(`Unknown checkpoint: ${v}`);
    },
  }),
  override("Sigma Churn", "float", "s_churn"),
  override("Sigma min", "float", "s_tmin"),
  override("Sigma max", "float", "s_tmax"),
  override("Sigma noise", "float", "s_noise"),
  field("Schedule type", "str", "scheduler", {
    choices: () => SCHEDULE_TYPES.map((t) => t.label),
    confirm: (values) => {
      for (const v of values) if (!findScheduleType(String(v))) throw new Error(`Unknown schedule type: ${v}`);
    },
  }),
  override("Schedule min sigma", "float", "sigma_min"),
  override("Schedule max sigma", "float", "sigma_max"),
  override("Schedule rho", "float", "rho"),
  override("Beta schedule alpha", "float", "beta_dist_alpha"),
  override("Beta schedule beta", "float", "beta_dist_beta"),
  override("Clip skip", "int", "CLIP_stop_at_last_layers"),
  field("Denoising", "float", "denoisingStrength"),
  override("Initial noise multiplier", "float", "initial_noise_multiplier"),
  // A1111 caps the order below the step count of the cell it is applied to.
  axis({ label: "UniPC Order", type: "int", cost: 0.5, apply: (p, v) => ({ ...p, overrideSettings: { ...p.overrideSettings, uni_pc_order: Math.min(Number(v), p.steps - 1) } }) }),
  booleanOverride("Always discard next-to-last sigma", "always_discard_next_to_last_sigma"),
  booleanOverride("SGM noise multiplier", "sgm_noise_multiplier"),
  override("RNG source", "str", "randn_source", { choices: () => ["GPU", "CPU", "NV"] }),
  axis({ label: "Size", type: "str", apply: applySize }),
];

/** Size axis: "WxH" sets both; anything else is reported (here: left unchanged), as in A1111. */
function applySize<T extends AxisTarget>(p: T, value: AxisValue): T {
  const match = /^\s*(\d+)\s*[xX×]\s*(\d+)\s*$/.exec(String(value));
  return match ? { ...p, width: Number(match[1]), height: Number(match[2]) } : p;
}

/** The axes a tab lists: the built-in table, then those extensions registered, in registration order. */
export function axesForTab(tab: ScriptTab, registered: readonly XyzAxis[] = []): XyzAxis[] {
  return [...AXES, ...registered].filter((a) => a.tabs.includes(tab));
}

/**
 * An axis' values from its text (or its dropdown selection), as A1111's `process_axis`: Nothing
 * has the single value 0, Prompt order every permutation of its items, the rest the syntax of docs/a1111/xyz-plot.md#value-syntax;
 * then `confirm` runs.
 */
export function axisValues(axis: XyzAxis, text: string, env: AxisEnvironment, dropdown?: readonly string[]): AxisValue[] {
  if (axis.type === "nothing") return [0];
  const items = axis.choices && dropdown ? [...dropdown] : csvValues(text);
  const values: AxisValue[] = axis.type === "permutations" ? permutations(items) : convertAxisItems(axis.type, items);
  axis.confirm?.(values, env);
  return values;
}
