// What the page tells the browser about a tab's scripts (docs/a1111/scripts.md#always-on-and-selectable-scripts, docs/a1111/xyz-plot.md#controls): each script's
// title, kind and declarative parameters — plain data, since hooks cannot cross to the client — and
// the tab's X/Y/Z axis labels with the fixed choices of the axes that have them.
import { listDetectors } from "@/lib/detection/registry";
import { listCheckpoints } from "@/lib/models/checkpoints";
import { SAMPLERS } from "@/lib/sampling/registry";
import { scriptsForTab } from "@/lib/scripts/request-scripts";
import type { AnyScript, ChoiceSource, ParamSpec, ScalarParam, ScriptKind, ScriptTab } from "@/lib/scripts/script";
import { extensionXyzAxes } from "@/lib/scripts/extension-registry";
import { axesForTab } from "@/lib/scripts/xyz-plot/axes";
import { xyzPlotScript } from "@/lib/scripts/xyz-plot/script";
import type { Options } from "@/lib/settings/options";
import { loadOptions } from "@/lib/settings/store";
import { listUpscalers } from "@/lib/upscalers/registry";

export interface ScriptDescriptor {
  id: string;
  title: string;
  kind: ScriptKind;
  tabs: ScriptTab[];
  params: ParamSpec[];
  /** "xyz-plot": the X/Y/Z plot's own axis rows (type, values, choices, swap buttons); "generic": from `params` alone. */
  controls: "xyz-plot" | "generic";
}

export interface XyzAxisDescriptor {
  label: string;
  /** The values a multi-select offers (Sampler, Schedule type, Checkpoint name, RNG source …); null = free text. */
  choices: string[] | null;
}

export interface TabScripts {
  /** Always-on scripts, in load order (the page shows each as an accordion). */
  alwaysOn: ScriptDescriptor[];
  /** The "Script" dropdown's entries after "None". */
  selectable: ScriptDescriptor[];
  /** The X/Y/Z plot's axis types on this tab, in A1111's list order. */
  xyzAxes: XyzAxisDescriptor[];
}

/** The names a `choicesFrom` source has now. */
function sourceNames(source: ChoiceSource): string[] {
  if (source === "detectors") return listDetectors().map((d) => d.name);
  if (source === "checkpoints") return listCheckpoints().map((c) => c.name);
  if (source === "upscalers") return listUpscalers().map((u) => u.name);
  return SAMPLERS.map((s) => s.name);
}

/** A choice's runtime names appended to its own (once each), also inside repeated units and regions. */
function withSourceChoices(params: readonly ParamSpec[]): ParamSpec[] {
  return params.map((p): ParamSpec => {
    if (p.type === "repeat" || p.type === "regions") return { ...p, params: withSourceChoices(p.params) as ScalarParam[] };
    if (p.type !== "choice" || !p.choicesFrom) return p;
    return { ...p, choices: [...new Set([...p.choices, ...sourceNames(p.choicesFrom)])] };
  });
}

/** A repeated group's count capped by its `maxCountSetting` as stored now (a positive whole number; otherwise ignored). */
function withSettingCaps(params: readonly ParamSpec[], settings: Readonly<Options>): ParamSpec[] {
  return params.map((p): ParamSpec => {
    if (p.type !== "repeat" || !p.maxCountSetting) return p;
    const cap = (settings as Record<string, unknown>)[p.maxCountSetting];
    if (typeof cap !== "number" || !Number.isInteger(cap) || cap < 1) return p;
    const maxCount = Math.min(p.maxCount ?? cap, cap);
    return { ...p, maxCount, defaultCount: Math.min(p.defaultCount, maxCount) };
  });
}

/** Parameter specs are data by contract; the JSON round trip drops anything an extension added that is not. */
const describe = (script: AnyScript, settings: Readonly<Options>): ScriptDescriptor => ({
  id: script.id,
  title: script.title,
  kind: script.kind,
  tabs: [...script.tabs],
  params: JSON.parse(JSON.stringify(withSettingCaps(withSourceChoices(script.params), settings))) as ParamSpec[],
  controls: script.id === xyzPlotScript.id ? "xyz-plot" : "generic",
});

export async function tabScripts(tab: ScriptTab): Promise<TabScripts> {
  const scripts = await scriptsForTab(tab);
  const env = { checkpoints: listCheckpoints().map((c) => c.name) };
  const settings = loadOptions();
  return {
    alwaysOn: scripts.filter((s) => s.kind === "alwaysOn").map((s) => describe(s, settings)),
    selectable: scripts.filter((s) => s.kind === "selectable").map((s) => describe(s, settings)),
    xyzAxes: axesForTab(tab, await extensionXyzAxes()).map((a) => ({ label: a.label, choices: a.choices?.(env) ?? null })),
  };
}
