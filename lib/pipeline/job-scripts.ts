// Scripts inside a generation job (docs/a1111/scripts.md#one-jobs-call-order): the request's scripts (request-scripts.ts) are
// installed on this job only, with the services they may use, and unwound when it ends. A selected
// script's `run` replaces the plain job; it makes its images through child jobs (`runChild`, handed in by
// run-job.ts, so this module does not depend on the job runners).
import { recordImage } from "@/lib/history/record";
import { readPngSize } from "@/lib/images/png-text";
import { processingInfo } from "@/lib/pipeline/process-images";
import { saveFormat } from "@/lib/pipeline/result-images";
import { filenameContext, imageNaming } from "@/lib/pipeline/save-naming";
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
      const ctx = { ...filenameContext(p, 0, readPngSize(png)), prompt: options.prompt ?? p.params.prompt, seed: options.seed ?? null };
      const saved = await recordImage({
        png,
        text: p.options.enable_pnginfo ? { parameters: infotext } : ({} as Record<string, string>),
        historyInfotext: infotext,
        ...(p.options.save_txt ? { sidecarText: infotext } : {}),
        naming: imageNaming(p, ctx, options.grid ? { grid: { basename: options.basename || "grid" } } : {}),
        format: saveFormat(p, options.grid === true),
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

function withJobInfo(p: Processing, result: GenerationResult): GenerationResult {
  return { ...result, info: { ...processingInfo(p, result.images.map((i) => i.infotext), 0), ...result.info } };
}

/** Runs `runBase` (the plain job) with the job's scripts installed, or the selected script's `run`. */
export async function runWithScripts(p: Processing, runBase: () => Promise<GenerationResult>, options: JobScriptOptions): Promise<GenerationResult> {
  const scripts = [...(await resolveJobScripts(p.kind, p.params, options.alwaysOnFilter)), ...(options.extraScripts ?? [])];
  if (scripts.length === 0) return runBase();
  return withScripts(p, scripts, servicesFor(p, options.runChild), async (hooks) => {
    await hooks.process();
    // A selectable script's result gets the job's full `info`, which its own fields refine (X/Y/Z: the first cell's).
    const result = hooks.run ? withJobInfo(p, await hooks.run()) : await runBase();
    await hooks.postprocess(result);
    return result;
  });
}
