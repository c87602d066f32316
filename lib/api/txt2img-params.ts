// From an A1111 txt2img request to the pipeline's GenerationParams (docs/a1111/api.md#request-fields-and-defaults), hires fix
// included (docs/a1111/generation.md#hires-fix). A1111's API quirks kept: hires fields are ignored without enable_hr; `hr_upscaler`
// null behaves as Latent and is not written to infotext; `firstphase_width/height` (legacy), when
// either is set, replace the first pass's size. Hires choices A1111 only finds bad in the middle of the
// job (unknown upscaler, sampler, checkpoint) are refused with a 422 before it is queued.
import { fieldError, parseApiParams } from "@/lib/api/api-params";
import { generationInput, requireScheduleType } from "@/lib/api/generation-params";
import type { Txt2imgRequest } from "@/lib/api/txt2img-request";
import { hiresTarget } from "@/lib/pipeline/hires-target";
import { generationParamsSchema, MAX_SIDE, type GenerationInput, type GenerationParams } from "@/lib/pipeline/params";
import { resolveSamplerAndScheduler } from "@/lib/sampling/registry";
import { isLatentUpscaleMode } from "@/lib/upscalers/latent-upscale";
import { resolveUpscaler } from "@/lib/upscalers/standard-names";


/** A1111's UI-only placeholders, accepted by the API as "no separate choice". */
const SAME_CHECKPOINT = "Use same checkpoint";
const SAME_SAMPLER = "Use same sampler";
const SAME_SCHEDULER = "Use same scheduler";

function hiresInput(req: Txt2imgRequest): Partial<GenerationInput> {
  if (req.hr_checkpoint_name && req.hr_checkpoint_name !== SAME_CHECKPOINT) {
    throw fieldError("hr_checkpoint_name", "a separate hires checkpoint is not supported yet");
  }
  if (req.hr_upscaler !== null && !isLatentUpscaleMode(req.hr_upscaler) && !resolveUpscaler(req.hr_upscaler)) {
    throw fieldError("hr_upscaler", `could not find upscaler named ${req.hr_upscaler}`);
  }
  const hrScheduler = req.hr_scheduler && req.hr_scheduler !== SAME_SCHEDULER ? requireScheduleType(req.hr_scheduler, "hr_scheduler") : SAME_SCHEDULER;
  const hrSamplerName = req.hr_sampler_name || SAME_SAMPLER;
  if (hrSamplerName !== SAME_SAMPLER && !resolveSamplerAndScheduler(hrSamplerName, null, { convertAutomatic: false })) {
    throw fieldError("hr_sampler_name", `sampler '${hrSamplerName}' not found`);
  }
  return {
    enableHr: true,
    hrScale: req.hr_scale,
    hrResizeX: req.hr_resize_x,
    hrResizeY: req.hr_resize_y,
    hrUpscaler: req.hr_upscaler,
    hrSecondPassSteps: req.hr_second_pass_steps,
    denoisingStrength: req.denoising_strength,
    hrSamplerName,
    hrScheduler,
    hrPrompt: req.hr_prompt,
    hrNegativePrompt: req.hr_negative_prompt,
  };
}

/** The hires size must be a picture (≥ one latent pixel a side) and no larger than a first pass may be. */
function checkHiresTarget(params: GenerationParams): void {
  const target = hiresTarget(params);
  const field = params.hrResizeX || params.hrResizeY ? "hr_resize_x" : "hr_scale";
  const size = `${target.width}x${target.height}`;
  if (target.width < 8 || target.height < 8) throw fieldError(field, `the hires size ${size} is empty (at least 8 pixels a side)`);
  if (target.width > MAX_SIDE || target.height > MAX_SIDE) {
    throw fieldError(field, `the hires size ${size} is too large (at most ${MAX_SIDE} pixels a side)`);
  }
}

export function txt2imgParams(req: Txt2imgRequest): GenerationParams {
  const input: GenerationInput = { ...generationInput(req), ...(req.enable_hr ? hiresInput(req) : {}) };
  const renames: Record<string, string> = {};
  if (req.firstphase_width !== 0 || req.firstphase_height !== 0) {
    Object.assign(input, { width: req.firstphase_width, height: req.firstphase_height });
    Object.assign(renames, { width: "firstphase_width", height: "firstphase_height" });
  }
  const params = parseApiParams(generationParamsSchema, input, renames);
  if (params.enableHr) checkHiresTarget(params);
  return params;
}
