// ADetailer's infotext (docs/adetailer.md#infotext): every field of an active tab in the schema's order with the
// tab's suffix, pruned by ADetailer's rules (empty texts, values at their defaults, the values of "use separate"
// switches that are off), then `ADetailer version` once.
import type { PyFloat } from "@onyx/sdk";
import { TAB_FIELDS, defaultTab, infotextValue, tabSuffix, type Tab } from "./tab-fields";

export const ADETAILER_VERSION = "25.3.0";

type Value = boolean | number | string | PyFloat;

/** A tab takes part when it is enabled and names a model. */
export const isActiveTab = (tab: Tab): boolean => tab.ad_tab_enable !== false && tab.ad_model !== undefined && tab.ad_model !== "None";

/** The pruned fields of tab `n` (0-based), with their infotext names suffixed. */
export function tabInfotext(given: Tab, n: number): Array<[string, Value]> {
  const tab = { ...defaultTab(), ...given };
  const fields = new Map<string, boolean | number | string>();
  for (const field of TAB_FIELDS) if (field.infotext) fields.set(field.key, tab[field.key]);
  // ADetailer's ppop: when `key`'s value is falsy (or equals `cond`), drop `pops` (default: the key itself).
  const drop = (key: string, pops: string[] = [key], cond?: boolean | number | string) => {
    if (!fields.has(key)) return;
    const v = fields.get(key);
    if (cond === undefined ? !v : v === cond) for (const k of pops) fields.delete(k);
  };
  drop("ad_model_classes");
  drop("ad_prompt");
  drop("ad_negative_prompt");
  drop("ad_mask_k", ["ad_mask_k", "ad_mask_filter_method"], 0);
  drop("ad_mask_min_ratio", undefined, 0);
  drop("ad_mask_max_ratio", undefined, 1);
  drop("ad_x_offset", undefined, 0);
  drop("ad_y_offset", undefined, 0);
  drop("ad_mask_merge_invert", undefined, "None");
  drop("ad_inpaint_only_masked", ["ad_inpaint_only_masked_padding"]);
  drop("ad_use_inpaint_width_height", ["ad_use_inpaint_width_height", "ad_inpaint_width", "ad_inpaint_height"]);
  drop("ad_use_steps", ["ad_use_steps", "ad_steps"]);
  drop("ad_use_cfg_scale", ["ad_use_cfg_scale", "ad_cfg_scale"]);
  drop("ad_use_checkpoint", ["ad_use_checkpoint", "ad_checkpoint"]);
  drop("ad_use_vae", ["ad_use_vae", "ad_vae"]);
  drop("ad_use_sampler", ["ad_use_sampler", "ad_sampler", "ad_scheduler"]);
  drop("ad_scheduler", undefined, "Use same scheduler");
  drop("ad_use_noise_multiplier", ["ad_use_noise_multiplier", "ad_noise_multiplier"]);
  drop("ad_use_clip_skip", ["ad_use_clip_skip", "ad_clip_skip"]);
  drop("ad_restore_face");
  drop("ad_controlnet_model", ["ad_controlnet_model", "ad_controlnet_module", "ad_controlnet_weight", "ad_controlnet_guidance_start", "ad_controlnet_guidance_end"], "None");
  drop("ad_controlnet_module", undefined, "None");
  drop("ad_controlnet_weight", undefined, 1);
  drop("ad_controlnet_guidance_start", undefined, 0);
  drop("ad_controlnet_guidance_end", undefined, 1);
  const suffix = tabSuffix(n);
  return TAB_FIELDS.filter((t) => t.infotext && fields.has(t.key)).map((t) => [t.infotext + suffix, infotextValue(t, fields.get(t.key)!)]);
}

/** Every active tab's fields (tab n keeps its position n for the suffix), then the version; nothing when none is active. */
export function adetailerInfotext(tabs: readonly Tab[]): Array<[string, Value]> {
  if (!tabs.some(isActiveTab)) return [];
  return [...tabs.flatMap((tab, n) => (isActiveTab(tab) ? tabInfotext(tab, n) : [])), ["ADetailer version", ADETAILER_VERSION]];
}

/** Pasted infotext fields → one tab per suffix found (by the model field), with the fields it names; the rest defaults. */
export function tabsFromInfotext(fields: Readonly<Record<string, string>>, maxTabs: number): Tab[] {
  const tabs: Tab[] = [];
  for (let n = 0; n < maxTabs; n++) {
    const suffix = tabSuffix(n);
    if (fields[`ADetailer model${suffix}`] === undefined) continue;
    const tab = defaultTab();
    for (const t of TAB_FIELDS) {
      const text = t.infotext ? fields[t.infotext + suffix] : undefined;
      if (text === undefined) continue;
      tab[t.key] = t.type === "bool" ? text === "True" : t.type === "int" || t.type === "float" ? Number(text) : text;
    }
    while (tabs.length < n) tabs.push(defaultTab());
    tabs.push(tab);
  }
  return tabs;
}
