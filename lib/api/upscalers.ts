// GET /sdapi/v1/upscalers and /latent-upscale-modes (a1111-spec.md §1.1, §6.2): the built-in image
// upscalers (None, Lanczos, Nearest), then every ESRGAN-style ONNX model in <models>/ESRGAN sorted
// case-insensitively. A1111 reports scale 4 for all of them (UpscalerData's default).
import fs from "node:fs";
import path from "node:path";
import { onyxPaths } from "@/lib/config";

export interface ApiUpscaler {
  name: string;
  model_name: string | null;
  model_path: string | null;
  model_url: null;
  scale: number;
}

const builtIn = (name: string): ApiUpscaler => ({ name, model_name: null, model_path: null, model_url: null, scale: 4 });

export function esrganModelFiles(modelsDir = onyxPaths().models): string[] {
  const dir = path.join(modelsDir, "ESRGAN");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isFile() && d.name.toLowerCase().endsWith(".onnx"))
    .map((d) => path.join(dir, d.name))
    .sort((a, b) => path.basename(a).localeCompare(path.basename(b), undefined, { sensitivity: "base" }));
}

export function apiUpscalers(modelsDir?: string): ApiUpscaler[] {
  const models = esrganModelFiles(modelsDir).map((file) => ({
    name: path.basename(file, path.extname(file)),
    model_name: "ESRGAN",
    model_path: file,
    model_url: null,
    scale: 4,
  }));
  return [builtIn("None"), builtIn("Lanczos"), builtIn("Nearest"), ...models];
}

export const LATENT_UPSCALE_MODES = [
  "Latent",
  "Latent (antialiased)",
  "Latent (bicubic)",
  "Latent (bicubic antialiased)",
  "Latent (nearest)",
  "Latent (nearest-exact)",
] as const;
