// GET /sdapi/v1/upscalers and /latent-upscale-modes (docs/upscalers.md#the-list, docs/a1111/api.md#endpoints-and-errors): the upscaler registry
// (None, Lanczos, Nearest, then the ESRGAN models) and the hires latent modes, in A1111's response shapes.
import { LATENT_UPSCALE_MODES } from "@/lib/upscalers/latent-upscale";
import { listUpscalers } from "@/lib/upscalers/registry";

export interface ApiUpscaler {
  name: string;
  model_name: string | null;
  model_path: string | null;
  model_url: null;
  scale: number;
}

export function apiUpscalers(modelsDir?: string): ApiUpscaler[] {
  return listUpscalers(modelsDir).map((u) => ({
    name: u.name,
    model_name: u.kind === "esrgan" ? "ESRGAN" : u.kind === "learned" ? "UpscalerJS" : null,
    model_path: u.modelPath,
    model_url: null,
    scale: u.scale,
  }));
}

export function apiLatentUpscaleModes(): Array<{ name: string }> {
  return Object.keys(LATENT_UPSCALE_MODES).map((name) => ({ name }));
}
