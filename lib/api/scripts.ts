// GET /sdapi/v1/scripts and /sdapi/v1/script-info: the scripts a request can name, as A1111 lists
// them (lower-cased titles; one script-info entry per script and tab, with its arguments in order).
import { scriptsForTab } from "@/lib/scripts/request-scripts";
import type { AnyScript, ParamSpec, ScriptTab } from "@/lib/scripts/script";

const TABS: ScriptTab[] = ["txt2img", "img2img"];

export async function apiScriptList(): Promise<Record<ScriptTab, string[]>> {
  const [txt2img, img2img] = await Promise.all(TABS.map(async (tab) => (await scriptsForTab(tab)).filter((s) => s.kind === "selectable").map((s) => s.title.toLowerCase())));
  return { txt2img, img2img };
}

function argInfo(param: ParamSpec) {
  const numeric = param.type === "number" || param.type === "int";
  return {
    label: param.label ?? param.name,
    value: param.type === "repeat" ? null : param.default,
    minimum: numeric ? (param.min ?? null) : null,
    maximum: numeric ? (param.max ?? null) : null,
    step: numeric ? (param.step ?? null) : null,
    choices: param.type === "choice" ? [...param.choices] : null,
  };
}

export async function apiScriptInfo() {
  const perTab = await Promise.all(
    TABS.map(async (tab) => (await scriptsForTab(tab)).map((script: AnyScript) => ({
      name: script.title.toLowerCase(),
      is_alwayson: script.kind === "alwaysOn",
      is_img2img: tab === "img2img",
      args: script.params.map(argInfo),
    }))),
  );
  return perTab.flat();
}
