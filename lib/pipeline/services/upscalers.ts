// `ctx.services.upscalers` (docs/extensions.md#upscalers): the upscaler registry with the job's tile settings.
// A name resolves as in hires fix and Extras — a standard A1111 name that is not installed gets its stand-in
// (docs/upscalers.md#standard-names) and the job's `info.warnings` says so.
import type { Processing } from "@/lib/pipeline/processing";
import type { UpscalerService } from "@/lib/scripts/script-services";
import { listUpscalers, upscaleImage } from "@/lib/upscalers/registry";
import { requireResolvedUpscaler, substitutionWarning } from "@/lib/upscalers/standard-names";

export function upscalerService(p: Processing): UpscalerService {
  const tiles = { tile: p.options.ESRGAN_tile, overlap: p.options.ESRGAN_tile_overlap, isInterrupted: () => p.progress.interrupted };
  return {
    list: () => listUpscalers().map(({ name, scale }) => ({ name, scale })),
    async upscale(image, scale, name) {
      const resolved = requireResolvedUpscaler(name);
      const warning = resolved.substitutedFor ? substitutionWarning(resolved) : null;
      if (warning) p.progress.warn(warning);
      return upscaleImage(image, scale, resolved.upscaler, tiles);
    },
  };
}
