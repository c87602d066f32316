// The 20 samplers A1111 v1.10 lists (docs/samplers.md#samplers), in UI order, with their options and name
// resolution (docs/samplers.md#name-resolution). `kind` says how the driver calls them: k-diffusion functions walk σ lists,
// timestep samplers walk ᾱ timesteps, DPM fast/adaptive only take σ_min/σ_max, LCM has its own
// model wrapper.
import { findScheduleType, SCHEDULE_TYPES, type ScheduleType } from "@/lib/sampling/schedulers";

export type SamplerKind = "k-diffusion" | "dpm-fast" | "dpm-adaptive" | "lcm" | "ddim" | "ddim-cfgpp" | "plms" | "unipc";

export interface SamplerOptions {
  /** The schedule type "Automatic" stands for; absent = the model's own (Uniform) σ. */
  scheduler?: string;
  second_order?: boolean;
  discard_next_to_last_sigma?: boolean;
  brownian_noise?: boolean;
  uses_ensd?: boolean;
  solver_type?: "heun";
}

export interface SamplerEntry {
  name: string;
  aliases: string[];
  /** k-diffusion function name (the k-diffusion kind runs it, see sample.ts); A1111's name for the others. */
  fn: string;
  kind: SamplerKind;
  options: SamplerOptions;
  /** The sampler has an η parameter (infotext "Eta" / "Eta DDIM"). */
  hasEta: boolean;
  /** Request/Setting parameters A1111 passes (sampler_extra_params). */
  extraParams: Array<"s_churn" | "s_tmin" | "s_tmax" | "s_noise">;
}

const CHURN = ["s_churn", "s_tmin", "s_tmax", "s_noise"] as const;
const entry = (name: string, aliases: string[], fn: string, kind: SamplerKind, options: SamplerOptions, hasEta: boolean, extraParams: SamplerEntry["extraParams"] = []): SamplerEntry => ({ name, aliases, fn, kind, options, hasEta, extraParams });

export const SAMPLERS: readonly SamplerEntry[] = [
  entry("DPM++ 2M", ["k_dpmpp_2m"], "sample_dpmpp_2m", "k-diffusion", { scheduler: "karras" }, false),
  entry("DPM++ SDE", ["k_dpmpp_sde"], "sample_dpmpp_sde", "k-diffusion", { scheduler: "karras", second_order: true, brownian_noise: true }, true, ["s_noise"]),
  entry("DPM++ 2M SDE", ["k_dpmpp_2m_sde"], "sample_dpmpp_2m_sde", "k-diffusion", { scheduler: "exponential", brownian_noise: true }, true, ["s_noise"]),
  entry("DPM++ 2M SDE Heun", ["k_dpmpp_2m_sde_heun"], "sample_dpmpp_2m_sde", "k-diffusion", { scheduler: "exponential", brownian_noise: true, solver_type: "heun" }, true, ["s_noise"]),
  entry("DPM++ 2S a", ["k_dpmpp_2s_a"], "sample_dpmpp_2s_ancestral", "k-diffusion", { scheduler: "karras", uses_ensd: true, second_order: true }, true, ["s_noise"]),
  entry("DPM++ 3M SDE", ["k_dpmpp_3m_sde"], "sample_dpmpp_3m_sde", "k-diffusion", { scheduler: "exponential", discard_next_to_last_sigma: true, brownian_noise: true }, true, ["s_noise"]),
  entry("Euler a", ["k_euler_a", "k_euler_ancestral"], "sample_euler_ancestral", "k-diffusion", { uses_ensd: true }, true),
  entry("Euler", ["k_euler"], "sample_euler", "k-diffusion", {}, false, [...CHURN]),
  entry("LMS", ["k_lms"], "sample_lms", "k-diffusion", {}, false),
  entry("Heun", ["k_heun"], "sample_heun", "k-diffusion", { second_order: true }, false, [...CHURN]),
  entry("DPM2", ["k_dpm_2"], "sample_dpm_2", "k-diffusion", { scheduler: "karras", discard_next_to_last_sigma: true, second_order: true }, false, [...CHURN]),
  entry("DPM2 a", ["k_dpm_2_a"], "sample_dpm_2_ancestral", "k-diffusion", { scheduler: "karras", discard_next_to_last_sigma: true, uses_ensd: true, second_order: true }, true, ["s_noise"]),
  entry("DPM fast", ["k_dpm_fast"], "sample_dpm_fast", "dpm-fast", { uses_ensd: true }, true, ["s_noise"]),
  entry("DPM adaptive", ["k_dpm_ad"], "sample_dpm_adaptive", "dpm-adaptive", { uses_ensd: true }, true),
  entry("Restart", ["restart"], "restart_sampler", "k-diffusion", { scheduler: "karras", second_order: true }, false),
  entry("DDIM", ["ddim"], "ddim", "ddim", {}, true),
  entry("DDIM CFG++", ["ddim_cfgpp"], "ddim_cfgpp", "ddim-cfgpp", {}, true),
  entry("PLMS", ["plms"], "plms", "plms", {}, false),
  entry("UniPC", ["unipc"], "unipc", "unipc", {}, false),
  entry("LCM", ["k_lcm"], "sample_lcm", "lcm", {}, false),
];

export const isTimestepSampler = (s: SamplerEntry) => s.kind === "ddim" || s.kind === "ddim-cfgpp" || s.kind === "plms" || s.kind === "unipc";

/** By exact name, then case-insensitively by name or alias (A1111's all_samplers_map, samplers_map). */
export function findSampler(name: string): SamplerEntry | null {
  const exact = SAMPLERS.find((s) => s.name === name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  return SAMPLERS.find((s) => s.name.toLowerCase() === lower || s.aliases.some((a) => a.toLowerCase() === lower)) ?? null;
}

/**
 * A1111's get_sampler_and_scheduler: a trailing " <schedule label|name|alias>" on the sampler name
 * becomes the schedule type ("DPM++ 2M Karras" → DPM++ 2M + Karras). Unknown samplers give null so
 * the caller picks its fallback. With `convertAutomatic`, a schedule equal to the sampler's own
 * default reads back as "Automatic" (how infotext is read).
 */
export function resolveSamplerAndScheduler(
  name: string,
  scheduler?: string | null,
  { convertAutomatic = true } = {},
): { sampler: SamplerEntry; scheduler: ScheduleType } | null {
  let schedule = findScheduleType(scheduler) ?? SCHEDULE_TYPES[0];
  let samplerName = name.trim();
  for (const type of SCHEDULE_TYPES) {
    const suffix = [type.label, type.name, ...type.aliases].find((option) => samplerName.endsWith(" " + option));
    if (suffix) {
      schedule = type;
      samplerName = samplerName.slice(0, -(suffix.length + 1));
      break;
    }
  }
  const sampler = findSampler(samplerName);
  if (!sampler) return null;
  if (convertAutomatic && sampler.options.scheduler === schedule.name) schedule = SCHEDULE_TYPES[0];
  return { sampler, scheduler: schedule };
}

/** The schedule type a sampler actually uses (Automatic → its default; undefined = model σ). */
export function effectiveScheduleType(sampler: SamplerEntry, scheduler: string | undefined | null): ScheduleType | undefined {
  const type = findScheduleType(scheduler) ?? SCHEDULE_TYPES[0];
  return type.build ? type : findScheduleType(sampler.options.scheduler);
}

/** GET /sdapi/v1/samplers: option values as strings, as A1111's pydantic model serialises them. */
export function samplersForApi(): Array<{ name: string; aliases: string[]; options: Record<string, string> }> {
  return SAMPLERS.map((s) => ({
    name: s.name,
    aliases: [...s.aliases],
    options: Object.fromEntries(Object.entries(s.options).map(([k, v]) => [k, typeof v === "boolean" ? (v ? "True" : "False") : String(v)])),
  }));
}

/** GET /sdapi/v1/schedulers. */
export function schedulersForApi(): Array<{ name: string; label: string; aliases: string[] | null; default_rho: number; need_inner_model: boolean }> {
  return SCHEDULE_TYPES.map((t) => ({
    name: t.name,
    label: t.label,
    aliases: t.aliases.length ? [...t.aliases] : null,
    default_rho: t.defaultRho,
    need_inner_model: t.needInnerModel,
  }));
}
