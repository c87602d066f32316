// One ADetailer tab's fields (docs/adetailer.md#tab-fields): the `ad_*` keys of ADetailer's strict tab schema with
// their API defaults and bounds, in its order, and the infotext names they are written under. The script's
// parameters, the tab validation, the schema route, the infotext and the paste mapping all read this table.
import { pyFloat, type PyFloat } from "@onyx/sdk";

export type FieldType = "bool" | "int" | "float" | "string" | "choice";

export interface TabField {
  key: string;
  /** Infotext name of tab 1 (later tabs append " 2nd", " 3rd", …); null: never written. */
  infotext: string | null;
  type: FieldType;
  default: boolean | number | string;
  min?: number;
  max?: number;
  choices?: readonly string[];
  /** The API accepts null for it (checkpoint, VAE); it reads as the default. */
  nullable?: boolean;
  /** The UI's dropdown: the default, then the installed names of this list (any string through the API). */
  from?: "detectors" | "checkpoints" | "samplers";
  /** The UI's group (ADetailer's Detection, Mask Preprocessing, Inpainting and ControlNet sections). */
  group?: string;
  /** Shown only while this "use separate …" switch is on. */
  shownWith?: string;
  label: string;
}

const f = (key: string, infotext: string | null, type: FieldType, dflt: boolean | number | string, label: string, extra: Partial<TabField> = {}): TabField => ({ key, infotext, type, default: dflt, label, ...extra });

export const TAB_FIELDS: readonly TabField[] = [
  f("ad_tab_enable", null, "bool", true, "Enable this tab"),
  f("ad_model", "ADetailer model", "string", "None", "ADetailer detector", { from: "detectors" }),
  f("ad_model_classes", "ADetailer model classes", "string", "", "ADetailer detector classes"),
  f("ad_prompt", "ADetailer prompt", "string", "", "ADetailer prompt"),
  f("ad_negative_prompt", "ADetailer negative prompt", "string", "", "ADetailer negative prompt"),
  f("ad_confidence", "ADetailer confidence", "float", 0.3, "Detection model confidence threshold", { min: 0, max: 1, group: "Detection" }),
  f("ad_mask_filter_method", "ADetailer method to decide top k masks", "choice", "Area", "Method to filter top k masks by", { choices: ["Area", "Confidence"], group: "Detection" }),
  f("ad_mask_k", "ADetailer mask only top k", "int", 0, "Mask only the top k (0 to disable)", { min: 0, group: "Detection" }),
  f("ad_mask_min_ratio", "ADetailer mask min ratio", "float", 0, "Mask min area ratio", { min: 0, max: 1, group: "Detection" }),
  f("ad_mask_max_ratio", "ADetailer mask max ratio", "float", 1, "Mask max area ratio", { min: 0, max: 1, group: "Detection" }),
  f("ad_x_offset", "ADetailer x offset", "int", 0, "Mask x(→) offset", { group: "Mask Preprocessing" }),
  f("ad_y_offset", "ADetailer y offset", "int", 0, "Mask y(↑) offset", { group: "Mask Preprocessing" }),
  f("ad_dilate_erode", "ADetailer dilate erode", "int", 4, "Mask erosion (-) / dilation (+)", { group: "Mask Preprocessing" }),
  f("ad_mask_merge_invert", "ADetailer mask merge invert", "choice", "None", "Mask merge mode", { choices: ["None", "Merge", "Merge and Invert"], group: "Mask Preprocessing" }),
  f("ad_mask_blur", "ADetailer mask blur", "int", 4, "Inpaint mask blur", { min: 0, group: "Inpainting" }),
  f("ad_denoising_strength", "ADetailer denoising strength", "float", 0.4, "Inpaint denoising strength", { min: 0, max: 1, group: "Inpainting" }),
  f("ad_inpaint_only_masked", "ADetailer inpaint only masked", "bool", true, "Inpaint only masked", { group: "Inpainting" }),
  f("ad_inpaint_only_masked_padding", "ADetailer inpaint padding", "int", 32, "Inpaint only masked padding, pixels", { min: 0, group: "Inpainting", shownWith: "ad_inpaint_only_masked" }),
  f("ad_use_inpaint_width_height", "ADetailer use inpaint width height", "bool", false, "Use separate width/height", { group: "Inpainting" }),
  f("ad_inpaint_width", "ADetailer inpaint width", "int", 512, "inpaint width", { min: 1, group: "Inpainting", shownWith: "ad_use_inpaint_width_height" }),
  f("ad_inpaint_height", "ADetailer inpaint height", "int", 512, "inpaint height", { min: 1, group: "Inpainting", shownWith: "ad_use_inpaint_width_height" }),
  f("ad_use_steps", "ADetailer use separate steps", "bool", false, "Use separate steps", { group: "Inpainting" }),
  f("ad_steps", "ADetailer steps", "int", 28, "ADetailer steps", { min: 1, group: "Inpainting", shownWith: "ad_use_steps" }),
  f("ad_use_cfg_scale", "ADetailer use separate CFG scale", "bool", false, "Use separate CFG scale", { group: "Inpainting" }),
  f("ad_cfg_scale", "ADetailer CFG scale", "float", 7, "ADetailer CFG scale", { min: 0, group: "Inpainting", shownWith: "ad_use_cfg_scale" }),
  f("ad_use_checkpoint", "ADetailer use separate checkpoint", "bool", false, "Use separate checkpoint", { group: "Inpainting" }),
  f("ad_checkpoint", "ADetailer checkpoint", "string", "Use same checkpoint", "ADetailer checkpoint", { nullable: true, from: "checkpoints", group: "Inpainting", shownWith: "ad_use_checkpoint" }),
  f("ad_use_vae", "ADetailer use separate VAE", "bool", false, "Use separate VAE", { group: "Inpainting" }),
  f("ad_vae", "ADetailer VAE", "string", "Use same VAE", "ADetailer VAE", { nullable: true, group: "Inpainting", shownWith: "ad_use_vae" }),
  f("ad_use_sampler", "ADetailer use separate sampler", "bool", false, "Use separate sampler", { group: "Inpainting" }),
  f("ad_sampler", "ADetailer sampler", "string", "DPM++ 2M Karras", "ADetailer sampler", { from: "samplers", group: "Inpainting", shownWith: "ad_use_sampler" }),
  f("ad_scheduler", "ADetailer scheduler", "string", "Use same scheduler", "ADetailer scheduler", { group: "Inpainting", shownWith: "ad_use_sampler" }),
  f("ad_use_noise_multiplier", "ADetailer use separate noise multiplier", "bool", false, "Use separate noise multiplier", { group: "Inpainting" }),
  f("ad_noise_multiplier", "ADetailer noise multiplier", "float", 1, "Noise multiplier for img2img", { min: 0.5, max: 1.5, group: "Inpainting", shownWith: "ad_use_noise_multiplier" }),
  f("ad_use_clip_skip", "ADetailer use separate CLIP skip", "bool", false, "Use separate CLIP skip", { group: "Inpainting" }),
  f("ad_clip_skip", "ADetailer CLIP skip", "int", 1, "ADetailer CLIP skip", { min: 1, max: 12, group: "Inpainting", shownWith: "ad_use_clip_skip" }),
  f("ad_restore_face", "ADetailer restore face", "bool", false, "Restore faces after ADetailer", { group: "Inpainting" }),
  f("ad_controlnet_model", "ADetailer ControlNet model", "string", "None", "ControlNet model", { group: "ControlNet" }),
  f("ad_controlnet_module", "ADetailer ControlNet module", "string", "None", "ControlNet module", { group: "ControlNet" }),
  f("ad_controlnet_weight", "ADetailer ControlNet weight", "float", 1, "ControlNet weight", { min: 0, max: 1, group: "ControlNet" }),
  f("ad_controlnet_guidance_start", "ADetailer ControlNet guidance start", "float", 0, "ControlNet guidance start", { min: 0, max: 1, group: "ControlNet" }),
  f("ad_controlnet_guidance_end", "ADetailer ControlNet guidance end", "float", 1, "ControlNet guidance end", { min: 0, max: 1, group: "ControlNet" }),
];

export type Tab = Record<string, boolean | number | string>;

export const defaultTab = (): Tab => Object.fromEntries(TAB_FIELDS.map((t) => [t.key, t.default]));

/** A float field's value as Python prints it (7 → 7.0), for the infotext. */
export const infotextValue = (field: TabField, v: boolean | number | string): boolean | number | string | PyFloat =>
  field.type === "float" && typeof v === "number" && Number.isInteger(v) ? pyFloat(v) : v;

/** 1 → "1st", 2 → "2nd", 11 → "11th", 21 → "21st" (ADetailer's tab names and log lines). */
export function ordinal(k: number): string {
  const teen = k % 100 >= 11 && k % 100 <= 13;
  return `${k}${teen ? "th" : (({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[k % 10] ?? "th")}`;
}

/** "", " 2nd", " 3rd", " 4th", …: the infotext suffix of tab n (0-based). */
export const tabSuffix = (n: number): string => (n === 0 ? "" : ` ${ordinal(n + 1)}`);
