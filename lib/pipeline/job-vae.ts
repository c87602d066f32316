// The job's VAE: every decode and encode of a job (first pass, hires fix, img2img and inpainting
// conditioning) goes through the scripts' wrapVaeDecode / wrapVaeEncode hooks (Tiled VAE), so one
// place decides which VAE call a script sees.
import { encodeToLatent } from "@/lib/pipeline/image-conditioning";
import type { Processing } from "@/lib/pipeline/processing";
import type { VaeFn } from "@/lib/scripts/script";
import { jobHooks } from "@/lib/scripts/job-hooks";

/** Scaled latent [B, 4, h, w] → image [B, 3, 8h, 8w] in [-1, 1], through the job's hooks. */
export function jobVaeDecode(p: Processing): VaeFn {
  return jobHooks(p).wrapVaeDecode((latent) => p.model.decodeLatents(latent, p.graph));
}

/** Image [B, 3, H, W] in [-1, 1] → scaled latent (the posterior's mean), through the job's hooks. */
export function jobVaeEncode(p: Processing): VaeFn {
  return jobHooks(p).wrapVaeEncode((image) => encodeToLatent(p.model, image, p.graph));
}
