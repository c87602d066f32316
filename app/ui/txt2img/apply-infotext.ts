// Pasting infotext into txt2img (docs/a1111/infotext.md#pasting): parsed A1111 keys land on
// the form's controls; keys naming a setting whose value differs from the current one become the
// job's override settings, as A1111's "Override settings" box does.
import { isPythonFloat, pythonFloat } from "@/lib/python/float";
import { castSetting } from "@/lib/settings/cast";
import { OPTIONS, type OptionKey, type Options } from "@/lib/settings/options";
import { resolveSamplerAndScheduler, SAMPLERS } from "@/lib/sampling/registry";
import type { PromptFields } from "@/app/ui/generation/prompt-section";
import type { SamplingFields } from "@/app/ui/generation/sampling-section";
import type { SeedFields } from "@/app/ui/generation/seed-section";
import type { SizeFields } from "@/app/ui/generation/size-section";

/** The controls a paste fills; txt2img's and img2img's forms both have them. */
export type PastableForm = PromptFields & SamplingFields & SizeFields & { cfgScale: number } & SeedFields & { overrideSettings: Partial<Options> };

type Params = Readonly<Record<string, string>>;

/** A1111 casts pasted text with the control's type (a number control: Python's float()) and leaves the control alone when that fails. */
function numberFrom(text: string | undefined, current: number): number {
  if (text === undefined || !isPythonFloat(text)) return current;
  const value = pythonFloat(text);
  return Number.isFinite(value) ? value : current;
}

const infotextName = (key: OptionKey): string | undefined => (OPTIONS[key] as { infotext?: string }).infotext;

/** Infotext key → setting, for every setting that has one (A1111 `infotext_to_setting_name_mapping`). */
const SETTING_BY_INFOTEXT_KEY: ReadonlyMap<string, OptionKey> = new Map(
  (Object.keys(OPTIONS) as OptionKey[]).flatMap((key) => {
    const name = infotextName(key);
    return name ? [[name, key] as const] : [];
  }),
);

/**
 * The settings a pasted infotext asks for that differ from `current` (A1111's paste_settings). `Model hash`
 * and `Model` name no setting here, so they are ignored, as A1111 does with "Disregard checkpoint
 * information from pasted infotext" (its default).
 */
export function overridesFromInfotext(params: Params, current: Options): Partial<Options> {
  const overrides: Record<string, unknown> = {};
  for (const [infotextKey, settingKey] of SETTING_BY_INFOTEXT_KEY) {
    const text = params[infotextKey];
    if (text === undefined) continue;
    const value = castSetting(settingKey, text);
    if (value === undefined || value === current[settingKey]) continue;
    overrides[settingKey] = value;
  }
  return overrides as Partial<Options>;
}

/** How an override chip reads: the infotext name and the value ("Clip skip: 2"). */
export function overrideLabel(key: OptionKey, value: unknown): string {
  return `${infotextName(key) ?? key}: ${String(value)}`;
}

/** The parser's "Styles array" (a JSON list of names); anything else leaves the selection as it was. */
function stylesArray(text: string, current: string[]): string[] {
  try {
    const list: unknown = JSON.parse(text);
    return Array.isArray(list) && list.every((x) => typeof x === "string") ? list : current;
  } catch {
    return current;
  }
}

/**
 * The form after pasting `params` (the output of parseGenerationParameters) with `current` settings.
 * Keys that are absent leave their control as it was, except the sampler (absent → the first sampler,
 * as A1111's get_sampler_from_infotext) and "Extra" (ticked exactly when the infotext has a variation
 * seed or a seed resize). The override settings are replaced by the ones this infotext asks for.
 */
export function applyInfotext<Form extends PastableForm>(form: Form, params: Params, current: Options): Form {
  const samplerText = params["Sampler"] || SAMPLERS[0].name;
  const resolved = resolveSamplerAndScheduler(samplerText, params["Schedule type"]) ?? resolveSamplerAndScheduler(SAMPLERS[0].name, params["Schedule type"]);
  return {
    ...form,
    prompt: params["Prompt"] ?? form.prompt,
    negativePrompt: params["Negative prompt"] ?? form.negativePrompt,
    styles: params["Styles array"] !== undefined ? stylesArray(params["Styles array"], form.styles) : form.styles,
    samplerName: resolved?.sampler.name ?? form.samplerName,
    scheduler: resolved?.scheduler.label ?? form.scheduler,
    steps: numberFrom(params["Steps"], form.steps),
    cfgScale: numberFrom(params["CFG scale"], form.cfgScale),
    width: numberFrom(params["Size-1"], form.width),
    height: numberFrom(params["Size-2"], form.height),
    batchSize: numberFrom(params["Batch size"], form.batchSize),
    seed: numberFrom(params["Seed"], form.seed),
    extra: "Variation seed" in params || "Seed resize from-1" in params,
    subseed: numberFrom(params["Variation seed"], form.subseed),
    subseedStrength: numberFrom(params["Variation seed strength"], form.subseedStrength),
    seedResizeFromW: numberFrom(params["Seed resize from-1"], form.seedResizeFromW),
    seedResizeFromH: numberFrom(params["Seed resize from-2"], form.seedResizeFromH),
    overrideSettings: overridesFromInfotext(params, current),
  };
}
