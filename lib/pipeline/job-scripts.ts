// Scripts inside a generation job (a1111-spec.md §2.4): the always-on scripts of the tab (built in and
// from extensions, with the request's `alwayson_scripts` arguments or their defaults) and the selected
// script (`script_name` + `script_args`) are bound, installed on this job only, and unwound when it ends.
// A selected script's `run` replaces the plain job; it makes its images through child jobs.
import { recordImage } from "@/lib/history/record";
import type { Processing } from "@/lib/pipeline/processing";
import type { GenerationResult } from "@/lib/queue/progress-report";
import { bindScriptArgs } from "@/lib/scripts/bind-args";
import { activeScripts } from "@/lib/scripts/extension-registry";
import { orderScripts, withScripts, type ActiveScript } from "@/lib/scripts/job-hooks";
import type { AnyScript, ChildJobOptions, ScriptServices, ScriptTab } from "@/lib/scripts/script";
import { xyzPlotScript } from "@/lib/scripts/xyz-plot/script";
import { listUpscalers, requireUpscaler, upscaleImage } from "@/lib/upscalers/registry";

/** Scripts that ship with Onyx itself (extensions add theirs through the extension registry). */
const BUILT_IN_SCRIPTS: readonly AnyScript[] = [xyzPlotScript];

/** Raised for a script name or argument the request got wrong (the API answers 422). */
export class ScriptRequestError extends Error {}

export async function scriptsForTab(tab: ScriptTab): Promise<AnyScript[]> {
  return [...BUILT_IN_SCRIPTS, ...(await activeScripts(tab))].filter((s) => s.tabs.includes(tab));
}

const named = (script: AnyScript, name: string) => [script.id, script.title].some((n) => n.toLowerCase() === name.toLowerCase());

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
      const given = Object.entries(request.alwaysonScripts).find(([name]) => named(script, name))?.[1];
      return { script, args: bindScriptArgs(script, given?.args ?? []) };
    });
  const name = request.scriptName;
  if (name) {
    const selected = available.find((s) => s.kind === "selectable" && named(s, name));
    if (!selected) throw new ScriptRequestError(`Script '${name}' not found`);
    // Positional arguments in A1111's own layout go through the script's adapter when it has one.
    const args = Array.isArray(request.scriptArgs) && selected.apiArgs ? selected.apiArgs(request.scriptArgs, tab) : request.scriptArgs;
    active.push({ script: selected, args: bindScriptArgs(selected, args) });
  }
  return orderScripts(active, active.find((a) => a.script.kind === "selectable")?.script.id);
}

function servicesFor(p: Processing): ScriptServices {
  const tiles = { tile: p.options.ESRGAN_tile, overlap: p.options.ESRGAN_tile_overlap };
  return {
    progress: p.progress,
    settings: p.options,
    upscalers: {
      list: () => listUpscalers().map(({ name, scale }) => ({ name, scale })),
      upscale: (image, scale, name) => upscaleImage(image, scale, requireUpscaler(name), tiles),
    },
    async saveImage(png, infotext, options = {}) {
      const saved = await recordImage({
        png,
        text: { parameters: infotext },
        naming: options.grid
          ? { kind: "grid", gridTab: p.kind, gridBasename: options.basename === "xyz_grid" ? "xyz_grid" : "grid", seed: options.seed }
          : { kind: p.kind, seed: options.seed },
        fields: { prompt: options.prompt ?? p.params.prompt, seed: options.seed, modelName: p.checkpoint.name, modelHash: p.checkpoint.hash, jobId: p.progress.id },
      });
      return { relativePath: saved.relativePath };
    },
    async runChild(kind, params, options) {
      // Loaded at call time: the job runners import this module themselves.
      const { runGenerationJob } = await import("@/lib/pipeline/run-job");
      return runGenerationJob(kind, { ...params, scriptName: null, scriptArgs: [] }, p.progress, options?.alwaysOnFilter);
    },
  };
}

/** Runs `runBase` (the plain job) with the job's scripts installed, or the selected script's `run`. */
export async function runWithScripts(
  p: Processing,
  runBase: () => Promise<GenerationResult>,
  alwaysOnFilter?: ChildJobOptions["alwaysOnFilter"],
): Promise<GenerationResult> {
  const scripts = await resolveJobScripts(p.kind, p.params, alwaysOnFilter);
  if (scripts.length === 0) return runBase();
  return withScripts(p, scripts, servicesFor(p), async (hooks) => {
    await hooks.process();
    const result = hooks.run ? await hooks.run() : await runBase();
    await hooks.postprocess(result);
    return result;
  });
}
