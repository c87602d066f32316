// ADetailer's settings (Settings → ADetailer, docs/adetailer.md#settings) under its own keys and defaults,
// declared through the SDK so they are cast, stored and overridden like every setting. Its two folder
// settings (extra model paths, output directory) are left out: Onyx scans models/adetailer/ only and saves
// ADetailer's extra images next to the job's own.
import type { ExtensionSetting, JobContext } from "@onyx/sdk";

/** ADetailer's default "Script names to apply to ADetailer" (ad_script_names). */
export const DEFAULT_SCRIPT_NAMES = "dynamic_prompting,dynamic_thresholding,lora_block_weight,negpip,wildcard_recursive,wildcards";

/** The most tabs "Max tabs" allows (ADetailer's slider). */
export const TAB_LIMIT = 15;

export const ADETAILER_SETTINGS = [
  { key: "ad_max_models", default: 4, label: "Max tabs", type: "int", min: 1, max: TAB_LIMIT, step: 1, info: "the number of ADetailer tabs; the page shows the new number after a reload" },
  { key: "ad_save_previews", default: false, label: "Save mask previews" },
  { key: "ad_save_images_before", default: false, label: "Save images before ADetailer" },
  { key: "ad_only_selected_scripts", default: true, label: "Apply only selected scripts to ADetailer" },
  { key: "ad_script_names", default: DEFAULT_SCRIPT_NAMES, label: "Script names to apply to ADetailer (separated by comma)" },
  { key: "ad_bbox_sortby", default: "None", label: "Sort bounding boxes by", choices: ["None", "Position (left to right)", "Position (center to edge)", "Area (large to small)"] },
  { key: "ad_same_seed_for_each_tab", default: false, label: "Use same seed for each tab" },
  { key: "ad_dynamic_denoise_power", default: 0, label: "Power scaling for dynamic denoise strength", type: "float", min: -10, max: 10, step: 0.01, info: "0 = off" },
  { key: "ad_match_inpaint_bbox_size", default: "Off", label: "Try to match inpainting size to bounding box size", choices: ["Off", "Strict", "Free"], info: "Strict applies to SDXL only" },
] as const satisfies readonly ExtensionSetting[];

type Declared = (typeof ADETAILER_SETTINGS)[number];
export type AdSettingKey = Declared["key"];
type AdSettingValue<K extends AdSettingKey> = Extract<Declared, { key: K }>["default"] extends infer D ? (D extends string ? string : D extends number ? number : boolean) : never;

/** Setting `key` as the job has it (its override, the stored value, or the declared default). */
export function adSetting<K extends AdSettingKey>(ctx: Pick<JobContext, "services">, key: K): AdSettingValue<K> {
  const value = (ctx.services.settings as Record<string, unknown>)[key];
  return (value ?? ADETAILER_SETTINGS.find((s) => s.key === key)!.default) as AdSettingValue<K>;
}
