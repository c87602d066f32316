// Tiled Diffusion's infotext (docs/tiled-diffusion.md#infotext): `Tiled Diffusion: "{…}"`, a Python dict with
// the extension's keys in its order (sic names and requested values).
import { pyFloat, type PyFloat, type PythonValue } from "@onyx/sdk";
import type { Region } from "./regions";

export interface InfotextArgs {
  method: string;
  tile_width: number;
  tile_height: number;
  overlap: number;
  batch_size: number;
  upscaler: string;
  scale_factor: number;
  keep_input_size: boolean;
  noise_inverse: boolean;
  noise_inverse_steps: number;
  noise_inverse_retouch: number;
  noise_inverse_renoise_strength: number;
  noise_inverse_renoise_kernel: number;
}

/** A float control's value as Python prints it (2 → 2.0). */
export const float = (v: number): number | PyFloat => (Number.isInteger(v) ? pyFloat(v) : v);

export function tiledDiffusionInfo(args: InfotextArgs, img2img: boolean, regions: readonly Region[] | null): { [key: string]: PythonValue } {
  const info: { [key: string]: PythonValue } = {
    Method: args.method,
    "Tile tile width": args.tile_width,
    "Tile tile height": args.tile_height,
    "Tile Overlap": args.overlap,
    "Tile batch size": args.batch_size,
  };
  if (img2img) {
    if (args.upscaler !== "None") {
      info.Upscaler = args.upscaler;
      info["Upscale factor"] = float(args.scale_factor);
    }
    if (args.keep_input_size) info["Keep input size"] = true;
    if (args.noise_inverse) {
      info.NoiseInv = true;
      info["NoiseInv Steps"] = args.noise_inverse_steps;
      info["NoiseInv Retouch"] = float(args.noise_inverse_retouch);
      info["NoiseInv Renoise strength"] = float(args.noise_inverse_renoise_strength);
      info["NoiseInv Kernel size"] = args.noise_inverse_renoise_kernel;
    }
  }
  if (regions) {
    info["Region control"] = Object.fromEntries(
      regions.map((r) => [
        `Region ${r.number}`,
        {
          enable: true,
          x: float(r.x),
          y: float(r.y),
          w: float(r.w),
          h: float(r.h),
          prompt: r.prompt,
          neg_prompt: r.negPrompt,
          blend_mode: r.foreground ? "Foreground" : "Background",
          feather_ratio: float(r.featherRatio),
          seed: r.seed,
        },
      ]),
    );
  }
  return info;
}
