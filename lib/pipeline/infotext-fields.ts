// The infotext of image `index` of a job (A1111's create_infotext): the fixed fields from the
// request, the settings in force and the checkpoint, then every extra field samplers, modes and
// scripts added during the run.
import type { InfotextValue } from "@/lib/infotext/values";
import { createInfotext } from "@/lib/infotext/writer";
import type { Processing } from "@/lib/pipeline/processing";
import { findSampler } from "@/lib/sampling/registry";
import { ONYX_VERSION } from "@/lib/version";

/** Extra fields the settings add (A1111 writes these from shared.opts during processing). */
function settingsFields(p: Processing, index: number): Map<string, InfotextValue> {
  const fields = new Map<string, InfotextValue>();
  const { options } = p;
  const prompts = p.allPrompts[index] + p.allNegativePrompts[index];
  if (options.emphasis !== "Original" && /[([]/.test(prompts)) fields.set("Emphasis", options.emphasis);
  if (options.pad_cond_uncond) fields.set("Pad conds", true);
  return fields;
}

export function generationInfotext(p: Processing, index: number): string {
  const { params, options } = p;
  const sampler = findSampler(params.samplerName);
  const usesEnsd = Boolean(sampler?.options.uses_ensd) && options.eta_ancestral !== 0;
  const extras = new Map<string, InfotextValue>([
    ...settingsFields(p, index),
    ...p.extraGenerationParams,
  ]);
  return createInfotext(
    {
      prompt: p.allPrompts[index],
      negativePrompt: p.allNegativePrompts[index],
      steps: params.steps,
      sampler: params.samplerName,
      scheduleType: params.scheduler,
      cfgScale: params.cfgScale,
      seed: p.allSeeds[index],
      width: params.width,
      height: params.height,
      modelHash: options.add_model_hash_to_info ? p.checkpoint.hash || undefined : undefined,
      model: options.add_model_name_to_info ? p.checkpoint.name : undefined,
      vaeHash: options.add_vae_hash_to_info ? p.vae?.hash : undefined,
      vae: options.add_vae_name_to_info ? p.vae?.name : undefined,
      variationSeed: p.allSubseeds[index],
      variationSeedStrength: params.subseedStrength,
      seedResizeFrom: { width: params.seedResizeFromW, height: params.seedResizeFromH },
      clipSkip: options.CLIP_stop_at_last_layers,
      ensd: usesEnsd ? options.eta_noise_seed_delta : undefined,
      rng: options.randn_source,
      tiling: options.tiling,
      version: options.add_version_to_infotext ? ONYX_VERSION : undefined,
      pythonFloats: params.floatNumbers,
    },
    extras,
  );
}
