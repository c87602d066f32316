// Scripts inside a generation job (docs/a1111/scripts.md#one-jobs-call-order): the request's scripts (request-scripts.ts) are
// installed on this job only, with the services they may use, and unwound when it ends. A selected
// script's `run` replaces the plain job; it makes its images through child jobs (`runChild`, handed in by
// run-job.ts, so this module does not depend on the job runners).
import { recordImage } from "@/lib/history/record";
import type { Processing } from "@/lib/pipeline/processing";
import type { GenerationResult } from "@/lib/queue/progress-report";
import { withScripts, type ActiveScript } from "@/lib/scripts/job-hooks";
import { resolveJobScripts } from "@/lib/scripts/request-scripts";
import type { ChildJobOptions, RunChild, ScriptServices } from "@/lib/scripts/script";
import { listUpscalers, requireUpscaler, upscaleImage } from "@/lib/upscalers/registry";

function servicesFor(p: Processing, runChild: RunChild): ScriptServices {
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
    runChild,
  };
}

export interface JobScriptOptions {
  /** Runs a child job of this job (shares its progress and interrupt). */
  runChild: RunChild;
  alwaysOnFilter?: ChildJobOptions["alwaysOnFilter"];
  /** Installed after the request's scripts, so their wrappers are innermost (benchmarks' and tests' probes). */
  extraScripts?: readonly ActiveScript[];
}

/** Runs `runBase` (the plain job) with the job's scripts installed, or the selected script's `run`. */
export async function runWithScripts(p: Processing, runBase: () => Promise<GenerationResult>, options: JobScriptOptions): Promise<GenerationResult> {
  const scripts = [...(await resolveJobScripts(p.kind, p.params, options.alwaysOnFilter)), ...(options.extraScripts ?? [])];
  if (scripts.length === 0) return runBase();
  return withScripts(p, scripts, servicesFor(p, options.runChild), async (hooks) => {
    await hooks.process();
    const result = hooks.run ? await hooks.run() : await runBase();
    await hooks.postprocess(result);
    return result;
  });
}
