// The scripts slice of a generation tab: which selectable script the "Script" dropdown shows and the
// current values of every script's parameters (kept per script, so switching scripts back and forth
// keeps what was typed, as A1111's hidden Gradio components do). The request sends the selected
// script by name (`scriptName` + `scriptArgs`) and every always-on script's values by title
// (`alwaysonScripts`), all by parameter name (docs/a1111/scripts.md#argument-layout, docs/a1111/api.md#scripts-through-the-api).
import { defaultUnit } from "@/lib/scripts/repeat-units";
import { DEFAULT_REGION_BOX, type ParamSpec, type RegionBox, type RegionsParam, type ScalarDefault } from "@/lib/scripts/script";
import type { ScriptDescriptor, TabScripts } from "@/lib/scripts/script-descriptors";

export type ScalarParamValue = ScalarDefault;
export type ParamValue = ScalarParamValue | Array<Record<string, ScalarParamValue>>;
export type ScriptValues = Record<string, ParamValue>;

export interface ScriptsForm {
  /** The selected selectable script's id; null = "None". */
  selected: string | null;
  /** Parameter values by script id, then by parameter name. */
  values: Record<string, ScriptValues>;
}

export interface ScriptsRequest {
  scriptName: string | null;
  scriptArgs: ScriptValues;
  alwaysonScripts: Record<string, { args: ScriptValues }>;
}

/** A new region of a regions parameter: `box` (or the parameter's default box) and its fields' defaults. */
export function newRegion(param: RegionsParam, box: RegionBox = param.defaultBox ?? DEFAULT_REGION_BOX): Record<string, ScalarParamValue> {
  return { ...box, ...defaultUnit(param.params) };
}

/** Whether a repeated group or a regions parameter takes one more unit than `count`. */
export const belowMaxCount = (param: { maxCount?: number }, count: number) => param.maxCount === undefined || count < param.maxCount;

/** Whether a parameter shows, given the current values of its list (its `visibleWhen` condition). */
export function isParamVisible(param: ParamSpec, values: Record<string, unknown>): boolean {
  const when = param.visibleWhen;
  if (!when) return true;
  const allowed = Array.isArray(when.is) ? when.is : [when.is];
  return allowed.includes(values[when.param] as ScalarParamValue);
}

export function defaultParamValues(params: readonly ParamSpec[]): ScriptValues {
  return Object.fromEntries(
    params.map((p) => [p.name, p.type === "repeat" ? Array.from({ length: p.defaultCount }, () => defaultUnit(p.params)) : p.type === "regions" ? [] : p.default]),
  );
}

export function defaultScriptsForm(scripts: TabScripts): ScriptsForm {
  const all = [...scripts.alwaysOn, ...scripts.selectable];
  return { selected: null, values: Object.fromEntries(all.map((s) => [s.id, defaultParamValues(s.params)])) };
}

export function withScriptValues(form: ScriptsForm, scriptId: string, values: ScriptValues): ScriptsForm {
  return { ...form, values: { ...form.values, [scriptId]: values } };
}

/** A script's current values (its defaults if the form has none yet, e.g. after extensions changed). */
export const scriptValues = (form: ScriptsForm, script: ScriptDescriptor): ScriptValues => form.values[script.id] ?? defaultParamValues(script.params);

/** The form after a pasted infotext: each script's restored arguments over its current values (lib/scripts/infotext-paste.ts, docs/extensions.md#pasting-an-infotext). */
export function withPastedArgs(form: ScriptsForm, scripts: TabScripts, pasted: Record<string, Record<string, unknown>>): ScriptsForm {
  let next = form;
  for (const script of [...scripts.alwaysOn, ...scripts.selectable]) {
    const args = pasted[script.id];
    if (args) next = withScriptValues(next, script.id, { ...scriptValues(next, script), ...(args as ScriptValues) });
  }
  return next;
}

export function toScriptsRequest(form: ScriptsForm, scripts: TabScripts): ScriptsRequest {
  const selected = scripts.selectable.find((s) => s.id === form.selected) ?? null;
  return {
    scriptName: selected?.id ?? null,
    scriptArgs: selected ? scriptValues(form, selected) : {},
    alwaysonScripts: Object.fromEntries(scripts.alwaysOn.map((s) => [s.title, { args: scriptValues(form, s) }])),
  };
}
