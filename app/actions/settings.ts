"use server";
// Server actions of the Settings tab and the quicksettings bar: cast with the one setting caster,
// store with updateOptions, report per field.
import { usableCheckpoint } from "@/lib/models/checkpoints";
import { findCheckpoint } from "@/lib/models/checkpoints";
import { vaeChoices } from "@/lib/models/vaes";
import { extensionsReady } from "@/lib/scripts/extension-registry";
import { castOption } from "@/lib/settings/cast";
import { isOptionKey, type Options } from "@/lib/settings/options";
import { loadOptions, updateOptions } from "@/lib/settings/store";

export interface ApplySettingsResult {
  /** All settings after the save. */
  options: Options;
  /** Keys whose stored value changed. */
  changed: string[];
  /** Per key, why its value was rejected (it was not stored; the valid ones were). */
  errors: Record<string, string>;
}

export type SelectCheckpointResult = { ok: true; checkpoint: string } | { ok: false; error: string };

/** Parses one setting; the checkpoint must name an existing, complete model folder, not just be a string. */
function validate(key: string, value: unknown): { value: unknown } | { error: string } {
  if (!isOptionKey(key)) return { error: `unknown setting "${key}"` };
  const cast = castOption(key, value);
  if (!cast.ok) return { error: cast.msg };
  if (key === "sd_model_checkpoint") {
    const usable = usableCheckpoint(String(cast.value ?? ""));
    return usable.ok ? { value: usable.info.title } : { error: usable.error };
  }
  if (key === "sd_vae" && !vaeChoices().includes(String(cast.value))) return { error: `VAE "${cast.value}" not found` };
  return { value: cast.value };
}

export async function applySettings(changes: Record<string, unknown>): Promise<ApplySettingsResult> {
  await extensionsReady();
  const before = loadOptions() as Record<string, unknown>;
  const accepted: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const [key, value] of Object.entries(changes)) {
    const result = validate(key, value);
    if ("error" in result) errors[key] = result.error;
    else if (JSON.stringify(result.value) !== JSON.stringify(before[key])) accepted[key] = result.value;
  }
  const options = Object.keys(accepted).length > 0 ? updateOptions(accepted) : loadOptions();
  return { options, changed: Object.keys(accepted), errors };
}

/** The quicksettings checkpoint dropdown. The model itself loads with the next generation. */
export async function selectCheckpoint(ref: string): Promise<SelectCheckpointResult> {
  const result = validate("sd_model_checkpoint", ref);
  if ("error" in result) return { ok: false, error: result.error };
  updateOptions({ sd_model_checkpoint: result.value });
  return { ok: true, checkpoint: String(result.value) };
}
