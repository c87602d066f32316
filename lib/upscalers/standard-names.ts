// A1111's standard upscaler names (its built-in ESRGAN, Real-ESRGAN, SwinIR, LDSR, ScuNET and DAT
// upscalers, and the popular community models clients ask for by name) and what runs when the named
// model is not installed here: the best trained upscaler of the same scale — an ESRGAN-folder model of the
// same family, else the learned RRDN of that scale, else any trained model of that scale, else Lanczos
// (docs/upscalers.md#standard-names). Names that are neither installed nor standard stay unknown, as in A1111.
import { listUpscalers, requireUpscaler, type UpscalerInfo } from "@/lib/upscalers/registry";

/** name → nominal scale. */
export const A1111_UPSCALER_SCALES: Readonly<Record<string, number>> = {
  ESRGAN_4x: 4,
  "R-ESRGAN General 4xV3": 4,
  "R-ESRGAN General WDN 4xV3": 4,
  "R-ESRGAN AnimeVideo": 4,
  "R-ESRGAN 4x+": 4,
  "R-ESRGAN 4x+ Anime6B": 4,
  "R-ESRGAN 2x+": 2,
  "SwinIR 4x": 4,
  SwinIR_4x: 4,
  LDSR: 4,
  ScuNET: 4,
  "ScuNET GAN": 4,
  "ScuNET PSNR": 4,
  "DAT x2": 2,
  "DAT x3": 3,
  "DAT x4": 4,
  "4x-UltraSharp": 4,
  "4x_foolhardy_Remacri": 4,
  "4x_NMKD-Siax_200k": 4,
  "4x-AnimeSharp": 4,
  "8x_NMKD-Superscale_150000_G": 8,
  BSRGAN: 4,
};

/** The families substitutes are preferred from: anime models for anime names, and so on. */
const FAMILY_WORDS = ["anime", "ultrasharp", "remacri", "siax", "swinir", "scunet", "dat", "esrgan"];

const normalise = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, "");

export interface ResolvedUpscaler {
  upscaler: UpscalerInfo;
  /** Set when another upscaler runs in place of the requested one. */
  substitutedFor?: string;
}

/** The upscaler that runs for `name`: itself, the same name spelled differently, or a stand-in for a standard name. */
export function resolveUpscaler(name: string, modelsDir?: string): ResolvedUpscaler | undefined {
  const installed = listUpscalers(modelsDir);
  const exact = installed.find((u) => u.name === name) ?? installed.find((u) => normalise(u.name) === normalise(name));
  if (exact) return exact.name === name ? { upscaler: exact } : { upscaler: exact, substitutedFor: name };
  const scale = A1111_UPSCALER_SCALES[name];
  if (scale === undefined) return undefined;
  // Generated fixtures have random weights: they run when named, never in place of a trained model.
  const trained = installed.filter((u) => u.modelPath !== null && u.scale === scale && !u.generated);
  const family = FAMILY_WORDS.find((w) => name.toLowerCase().includes(w));
  const stand =
    (family && trained.find((u) => u.kind === "esrgan" && u.name.toLowerCase().includes(family))) ||
    trained.find((u) => u.standsIn) ||
    trained[0] ||
    installed.find((u) => u.kind === "lanczos");
  return stand ? { upscaler: stand, substitutedFor: name } : undefined;
}

/** What runs for `name`, or the registry's "unknown upscaler" error. */
export function requireResolvedUpscaler(name: string, modelsDir?: string): ResolvedUpscaler {
  return resolveUpscaler(name, modelsDir) ?? { upscaler: requireUpscaler(name, modelsDir) };
}

/** The warning a job carries when a stand-in ran. */
export const substitutionWarning = (r: ResolvedUpscaler) => `upscaler '${r.substitutedFor}' is not installed; ${r.upscaler.name} ran instead`;
