// GET /sdapi/v1/scripts and /sdapi/v1/script-info (docs/a1111/api.md#scripts-through-the-api): every script a
// request can name, as A1111 1.10 lists them — always-on and selectable alike, by lower-cased title (clients
// detect installed extensions this way) — and one script-info entry per script and tab describing its
// arguments in positional order: label, type, default, range and choices. A repeated group contributes one
// argument per default unit (each an object of its inner arguments, described under `args`); a regions
// parameter is one argument, a list of regions.
import { scriptsForTab } from "@/lib/scripts/request-scripts";
import type { AnyScript, ParamSpec, ScalarParam, ScriptTab } from "@/lib/scripts/script";

const TABS: ScriptTab[] = ["txt2img", "img2img"];

export async function apiScriptList(): Promise<Record<ScriptTab, string[]>> {
  const [txt2img, img2img] = await Promise.all(TABS.map(async (tab) => (await scriptsForTab(tab)).map((s) => s.title.toLowerCase())));
  return { txt2img, img2img };
}

/** A1111's ScriptArg, with the parameter's type (and, for groups, their inner arguments) added. */
export interface ScriptArgInfo {
  label: string;
  type: ParamSpec["type"];
  value: unknown;
  minimum: number | null;
  maximum: number | null;
  step: number | null;
  choices: string[] | null;
  args?: ScriptArgInfo[];
}

function scalarInfo(param: ScalarParam): ScriptArgInfo {
  const numeric = param.type === "number" || param.type === "int";
  return {
    label: param.label ?? param.name,
    type: param.type,
    value: param.default,
    minimum: numeric ? (param.min ?? null) : null,
    maximum: numeric ? (param.max ?? null) : null,
    step: numeric ? (param.step ?? null) : null,
    choices: param.type === "choice" ? [...param.choices] : null,
  };
}

function argInfos(param: ParamSpec): ScriptArgInfo[] {
  const label = param.label ?? param.name;
  const none = { minimum: null, maximum: null, step: null, choices: null };
  if (param.type === "repeat") {
    const unit = Object.fromEntries(param.params.map((p) => [p.name, p.default]));
    return Array.from({ length: param.defaultCount }, (_, k) => ({ label: `${label} ${k + 1}`, type: param.type, value: unit, ...none, args: param.params.map(scalarInfo) }));
  }
  if (param.type === "regions") {
    const box = ["x", "y", "w", "h"].map((name): ScriptArgInfo => ({ label: name, type: "number", value: null, minimum: 0, maximum: 1, step: null, choices: null }));
    return [{ label, type: param.type, value: [], ...none, args: [...box, ...param.params.map(scalarInfo)] }];
  }
  return [scalarInfo(param)];
}

export async function apiScriptInfo() {
  const perTab = await Promise.all(
    TABS.map(async (tab) =>
      (await scriptsForTab(tab)).map((script: AnyScript) => ({
        name: script.title.toLowerCase(),
        is_alwayson: script.kind === "alwaysOn",
        is_img2img: tab === "img2img",
        args: script.params.flatMap(argInfos),
      })),
    ),
  );
  return perTab.flat();
}
