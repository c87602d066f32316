// The scripts a generation request names (docs/a1111/scripts.md#one-jobs-call-order): the always-on scripts of the tab (built in and
// from extensions, with the request's `alwayson_scripts` arguments or their defaults) and the selected
// script (`script_name` + `script_args`), bound and ordered for one job.
import { bindScriptArgs } from "@/lib/scripts/bind-args";
import { BUILT_IN_SCRIPTS } from "@/lib/scripts/built-in";
import { activeScripts } from "@/lib/scripts/extension-registry";
import { orderScripts, type ActiveScript } from "@/lib/scripts/job-hooks";
import type { AnyScript, ScriptTab } from "@/lib/scripts/script";
import type { ChildJobOptions } from "@/lib/scripts/script-services";

/** Raised for a script name or argument the request got wrong (the API answers 422). */
export class ScriptRequestError extends Error {}

/** Every script shown on `tab`: the built-in ones, then the enabled extensions' in load order. */
export async function scriptsForTab(tab: ScriptTab): Promise<AnyScript[]> {
  return [...BUILT_IN_SCRIPTS, ...(await activeScripts(tab))].filter((s) => s.tabs.includes(tab));
}

const named = (script: AnyScript, name: string) => [script.id, script.title].some((n) => n.toLowerCase() === name.toLowerCase());

/** Positional arguments in A1111's own layout go through the script's adapter when it has one (always-on or selected). */
function positional(script: AnyScript, args: unknown[] | Record<string, unknown>, tab: ScriptTab): unknown[] | Record<string, unknown> {
  return Array.isArray(args) && args.length > 0 && script.apiArgs ? script.apiArgs(args, tab) : args;
}

/** The script fields of a generation request (`GenerationParams` has them). */
export interface ScriptRequest {
  scriptName: string | null;
  scriptArgs: unknown[] | Record<string, unknown>;
  alwaysonScripts: Record<string, { args: unknown[] | Record<string, unknown> }>;
}

/** Binds a request's scripts for a job on `tab`; throws ScriptRequestError / ScriptArgsError on what it gets wrong. */
export async function resolveJobScripts(tab: ScriptTab, request: ScriptRequest, alwaysOnFilter?: ChildJobOptions["alwaysOnFilter"]): Promise<ActiveScript[]> {
  const available = await scriptsForTab(tab);
  const alwaysOn = available.filter((s) => s.kind === "alwaysOn");
  for (const name of Object.keys(request.alwaysonScripts)) {
    if (available.some((s) => s.kind === "selectable" && named(s, name))) throw new ScriptRequestError("Cannot have a selectable script in the always on scripts params");
    if (!alwaysOn.some((s) => named(s, name))) throw new ScriptRequestError(`always on script ${name} not found`);
  }
  const active: ActiveScript[] = alwaysOn
    .filter((s) => !alwaysOnFilter || alwaysOnFilter(s.id))
    .map((script) => {
      const given = Object.entries(request.alwaysonScripts).find(([name]) => named(script, name))?.[1]?.args ?? [];
      return { script, args: bindScriptArgs(script, positional(script, given, tab)) };
    });
  const name = request.scriptName;
  if (name) {
    const selected = available.find((s) => s.kind === "selectable" && named(s, name));
    if (!selected) throw new ScriptRequestError(`Script '${name}' not found`);
    active.push({ script: selected, args: bindScriptArgs(selected, positional(selected, request.scriptArgs, tab)) });
  }
  return orderScripts(active, active.find((a) => a.script.kind === "selectable")?.script.id);
}
