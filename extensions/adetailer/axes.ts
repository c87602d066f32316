// ADetailer's X/Y/Z plot axes (docs/adetailer.md#xyz-axes): each changes the 1st tab of the job's ADetailer
// arguments, whatever form the client sent them in; a job without ADetailer's arguments is left as it is.
import type { AxisTarget, AxisType, AxisValue, XyzAxis } from "@onyx/sdk";
import { parseApiArgs } from "./args";
import { splitPrompt } from "./prompts";
import type { Tab } from "./tab-fields";

type Patch = (tab: Tab, p: AxisTarget, value: AxisValue, all: readonly AxisValue[]) => Tab;

/** `p` with ADetailer's 1st tab changed by `patch`; its arguments by name afterwards. */
function withFirstTab<T extends AxisTarget>(p: T, change: (tab: Tab) => Tab): T {
  const scripts = p.alwaysonScripts ?? {};
  const key = Object.keys(scripts).find((k) => k.toLowerCase() === "adetailer");
  if (!key) return p;
  const given = scripts[key].args;
  const named = Array.isArray(given) ? parseApiArgs(given) : (given as { enable?: boolean; skip_img2img?: boolean; tabs?: Tab[] });
  const tabs = [...(named.tabs ?? [{}])];
  tabs[0] = change(tabs[0] ?? {});
  return { ...p, alwaysonScripts: { ...scripts, [key]: { args: { ...named, tabs } } } };
}

/** A1111's Prompt S/R on ADetailer's resolved 1st-tab prompts: the first value is searched for and replaced by this one. */
function searchReplace(text: string, value: AxisValue, all: readonly AxisValue[]): string {
  return text.replaceAll(String(all[0]), String(value));
}
const resolved = (adPrompt: unknown, main: string) => splitPrompt(String(adPrompt ?? ""), main).join(" [SEP] ");

function adAxis(label: string, type: AxisType, patch: Patch, alsoMain = false): XyzAxis {
  return {
    label: `[ADetailer] ${label}`,
    type,
    tabs: ["txt2img", "img2img"],
    cost: 0,
    legend: (v) => `${label}: ${String(v)}`,
    apply(p, value, all) {
      const changed = withFirstTab(p, (tab) => patch(tab, p, value, all));
      return alsoMain ? { ...changed, prompt: searchReplace(changed.prompt, value, all) } : changed;
    },
  };
}

const set = (key: string, cast: (v: AxisValue) => boolean | number | string = String): Patch => (tab, _p, v) => ({ ...tab, [key]: cast(v) });
const promptSR: Patch = (tab, p, v, all) => ({
  ...tab,
  ad_prompt: searchReplace(resolved(tab.ad_prompt, p.prompt), v, all),
  ad_negative_prompt: searchReplace(resolved(tab.ad_negative_prompt, p.negativePrompt), v, all),
});

export const ADETAILER_AXES: XyzAxis[] = [
  adAxis("ADetailer model 1st", "str", set("ad_model")),
  adAxis("ADetailer prompt 1st", "str", set("ad_prompt")),
  adAxis("ADetailer negative prompt 1st", "str", set("ad_negative_prompt")),
  adAxis("Prompt S/R (AD 1st)", "str", promptSR),
  adAxis("Prompt S/R (AD 1st and main prompt)", "str", promptSR, true),
  adAxis("Mask erosion / dilation 1st", "int", set("ad_dilate_erode", Number)),
  adAxis("Inpaint denoising strength 1st", "float", set("ad_denoising_strength", Number)),
  adAxis("CFG scale 1st", "float", set("ad_cfg_scale", Number)),
  adAxis("Inpaint only masked 1st", "str", set("ad_inpaint_only_masked", (v) => String(v).toLowerCase() === "true")),
  adAxis("Inpaint only masked padding 1st", "int", set("ad_inpaint_only_masked_padding", Number)),
  adAxis("ADetailer sampler 1st", "str", set("ad_sampler")),
  adAxis("ADetailer scheduler 1st", "str", set("ad_scheduler")),
  adAxis("noise multiplier 1st", "float", set("ad_noise_multiplier", Number)),
  adAxis("ControlNet model 1st", "str", set("ad_controlnet_model")),
];
