// Tiled Diffusion's infotext (docs/tiled-diffusion.md#infotext): `Tiled Diffusion: "{…}"`, a Python dict with
// the extension's keys in its order (sic names and requested values), and read back when an infotext is pasted.
import { parsePythonLiteral, pyFloat, type PyFloat, type PythonLiteral, type PythonValue } from "@onyx/sdk";
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

// ---------------------------------------------------------------------------------------------
// Pasting (docs/tiled-diffusion.md#infotext): the fields back into the accordion.

type Dict = { [key: string]: PythonLiteral };
const isDict = (v: PythonLiteral | undefined): v is Dict => typeof v === "object" && v !== null && !Array.isArray(v);

/** The first of `names` the dict has (today's key, then older versions' names). */
function pick(info: Dict, ...names: string[]): PythonLiteral | undefined {
  for (const name of names) if (name in info) return info[name];
  return undefined;
}

/** Region control's `{'Region 1': {...}, …}` as the regions parameter's list, in their numbers' order. */
function regionsFrom(control: Dict): Array<Record<string, unknown>> {
  return Object.entries(control)
    .filter((entry): entry is [string, Dict] => isDict(entry[1]))
    .sort(([a], [b]) => Number(a.replace(/\D/g, "")) - Number(b.replace(/\D/g, "")))
    .map(([, r]) => Object.fromEntries(["enable", "x", "y", "w", "h", "prompt", "neg_prompt", "blend_mode", "feather_ratio", "seed"].filter((k) => k in r).map((k) => [k, r[k]])));
}

/**
 * The arguments a pasted infotext gives back: the accordion on with the dict's values (also under the key names of
 * older versions of the extension), img2img's upscaler, input size and noise inversion, and the regions; undefined
 * when the infotext has no Tiled Diffusion field.
 */
export function argsFromInfotext(fields: Readonly<Record<string, string>>, tab: "txt2img" | "img2img"): Record<string, unknown> | undefined {
  const text = fields["Tiled Diffusion"];
  const info = text === undefined ? undefined : parsePythonLiteral(text);
  if (!isDict(info)) return undefined;
  const args: Record<string, unknown> = {
    enabled: true,
    method: pick(info, "Method"),
    tile_width: pick(info, "Tile tile width", "Latent tile width"),
    tile_height: pick(info, "Tile tile height", "Latent tile height"),
    overlap: pick(info, "Tile Overlap", "Overlap", "Latent overlap", "Latent tile overlap"),
    batch_size: pick(info, "Tile batch size", "Latent tile batch size"),
  };
  if (tab === "img2img") {
    // The writer leaves out what is off: an absent key is the control's "off" (None, not kept, no inversion).
    Object.assign(args, {
      upscaler: pick(info, "Upscaler") ?? fields["Tiled Diffusion upscaler"] ?? "None",
      scale_factor: pick(info, "Upscale factor", "Scale factor") ?? fields["Tiled Diffusion scale factor"],
      keep_input_size: pick(info, "Keep input size") === true,
      noise_inverse: pick(info, "NoiseInv", "Noise inverse") === true,
      noise_inverse_steps: pick(info, "NoiseInv Steps", "Noise inverse steps"),
      noise_inverse_retouch: pick(info, "NoiseInv Retouch", "Noise inverse retouch"),
      noise_inverse_renoise_strength: pick(info, "NoiseInv Renoise strength", "Noise inverse renoise strength"),
      noise_inverse_renoise_kernel: pick(info, "NoiseInv Kernel size", "Noise inverse kernel size"),
    });
  }
  const control = pick(info, "Region control");
  args.enable_bbox_control = isDict(control);
  if (isDict(control)) args.bbox_controls = regionsFrom(control);
  return Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined));
}
