// The part of the txt2img → GenerationParams and img2img → Img2imgParams mappings the two share
// (docs/a1111/api.md#request-fields-and-defaults, "Handling"): sampler resolution, settings overrides, the grid rule, and
// refusing what the pipeline cannot do (a 422 naming the field) except where A1111 itself ignores a
// field (unknown style names, a refiner switching at 1, …).
import { fieldError } from "@/lib/api/api-params";
import { ApiError } from "@/lib/api/errors";
import type { GenerationRequest } from "@/lib/api/generation-request";
import { validateSettings } from "@/lib/api/setting-values";
import type { GenerationInput } from "@/lib/pipeline/params";
import { resolveSamplerAndScheduler, SAMPLERS } from "@/lib/sampling/registry";
import { findScheduleType } from "@/lib/sampling/schedulers";

/**
 * A1111's API sampler resolution: `sampler_name or sampler_index`, a trailing schedule name split
 * off ("DPM++ 2M Karras"), an unknown sampler silently replaced by the first one (DPM++ 2M, quirk
 * docs/a1111/quirks.md#q11). A `scheduler` sent explicitly wins over one carried in the sampler name.
 */
export function apiSampler(samplerName: string | null, samplerIndex: string, scheduler: string | null): { samplerName: string; scheduler: string } {
  const resolved = resolveSamplerAndScheduler(samplerName || samplerIndex, scheduler) ?? resolveSamplerAndScheduler(SAMPLERS[0].name, scheduler);
  if (!resolved) throw new Error("the sampler registry is empty");
  if (!scheduler) return { samplerName: resolved.sampler.name, scheduler: resolved.scheduler.label };
  return { samplerName: resolved.sampler.name, scheduler: requireScheduleType(scheduler, "scheduler") };
}

/** The label of a schedule type named by `field`, or a 422 on that field. */
export function requireScheduleType(name: string, field: string): string {
  const found = findScheduleType(name);
  if (!found) throw fieldError(field, `scheduler '${name}' not found`);
  return found.label;
}

/** Fields A1111 would act on but Onyx cannot yet: a 422 rather than a silently different picture. */
function refuseUnsupported(req: GenerationRequest): void {
  if (req.refiner_checkpoint && req.refiner_checkpoint !== "None" && (req.refiner_switch_at ?? 1) < 1) {
    throw new ApiError(422, "refiner_checkpoint: the refiner is not supported yet");
  }
}

/** `script_name`, `script_args` and `alwayson_scripts` as the pipeline takes them (checked by `checkScripts`). */
export function scriptFields(req: GenerationRequest) {
  const alwaysonScripts = Object.fromEntries(
    Object.entries(req.alwayson_scripts as Record<string, { args?: unknown }>).map(([name, value]) => {
      const args = value && typeof value === "object" && "args" in value ? value.args : [];
      if (!Array.isArray(args) && (args === null || typeof args !== "object")) throw fieldError(`alwayson_scripts.${name}.args`, "must be a list or an object");
      return [name, { args: args as unknown[] | Record<string, unknown> }];
    }),
  );
  return { scriptName: req.script_name || null, scriptArgs: req.script_args as unknown[], alwaysonScripts };
}

/** The pipeline input of the fields every generation request has (before the pipeline's own validation). */
export function generationInput(req: GenerationRequest) {
  refuseUnsupported(req);
  const overrides = validateSettings(req.override_settings ?? {}, ["body", "override_settings"], "drop");
  // `save_images: false` sets do_not_save_grid, which in A1111 means no grid at all, not even a
  // returned one (docs/a1111/quirks.md#q12); the pipeline reads that from the return_grid setting.
  if (!req.save_images) overrides.return_grid = false;
  // `tiling` and `restore_faces`: null leaves the setting in force; true/false set it for this job.
  if (typeof req.tiling === "boolean") overrides.tiling = req.tiling;
  if (typeof req.restore_faces === "boolean") overrides.face_restoration = req.restore_faces;
  return {
    prompt: req.prompt,
    negativePrompt: req.negative_prompt,
    styles: req.styles ?? [],
    ...apiSampler(req.sampler_name, req.sampler_index, req.scheduler),
    steps: req.steps,
    cfgScale: req.cfg_scale,
    width: req.width,
    height: req.height,
    seed: req.seed,
    subseed: req.subseed,
    subseedStrength: req.subseed_strength,
    seedResizeFromW: req.seed_resize_from_w,
    seedResizeFromH: req.seed_resize_from_h,
    batchSize: req.batch_size,
    nIter: req.n_iter,
    overrideSettings: overrides,
    saveImages: req.save_images,
    floatNumbers: true,
    ...scriptFields(req),
  } satisfies GenerationInput;
}
