// `ctx.services.prompts` (docs/extensions.md#prompts): scripts' extra prompts (Tiled Diffusion's regions,
// ADetailer's prompts) through the job's own conditioning path — the same encoder settings (clip skip,
// emphasis, comma backtrack) and prompt-schedule clock as the job's first pass — cached per model.
import { encoderSettingsOf, PromptEncoder } from "@/lib/pipeline/conditioning";
import { cachedConditioning, recentConditioning } from "@/lib/pipeline/conditioning-cache";
import type { Processing } from "@/lib/pipeline/processing";
import { promptScheduleSteps } from "@/lib/sampling/sample";
import type { EncodeOptions, PromptService } from "@/lib/scripts/script-services";

export function promptService(p: Processing): PromptService {
  const settings = encoderSettingsOf(p.options, p.embeddings);
  const encoder = new PromptEncoder(p.model, settings);
  const timeline = (options: EncodeOptions = {}) => ({
    steps: options.steps ?? promptScheduleSteps(p.params.samplerName, p.params.steps),
    useOldScheduling: p.options.use_old_scheduling,
  });
  const key = (kind: string, prompts: readonly string[], options?: EncodeOptions) => JSON.stringify([kind, prompts, timeline(options), settings]);
  return {
    cond: (prompts, options) => recentConditioning(p.model.textEncoder, key("cond", prompts, options), () => encoder.multicondLearnedConditioning([...prompts], timeline(options))),
    uncond: (prompts, options) => recentConditioning(p.model.textEncoder, key("uncond", prompts, options), () => encoder.learnedConditioning([...prompts], timeline(options))),
    // The slot the job's own batches use for the empty prompt.
    emptyChunk: async () => (await cachedConditioning(p.model.textEncoder, "empty", JSON.stringify(settings), () => encoder.encodeTogether([""])))[0],
  };
}
