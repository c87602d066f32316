// The image upscalers (docs/upscalers.md#the-list, docs/upscalers.md#output-size): None, Lanczos and Nearest built in, then every
// ESRGAN-family ONNX model in <models>/ESRGAN, sorted case-insensitively, named by file name, then the learned
// upscalers converted from npm packages (docs/converters.md, lib/convert/sources.ts) present in <models>/converted. All share
// A1111's `Upscaler.upscale` sizing: destination floor(w·s/8)·8 × floor(h·s/8)·8, the upscaler applied up
// to three times until the picture is at least that big, then a Lanczos resize to exactly that size.
import fs from "node:fs";
import path from "node:path";
import { onyxPaths } from "@/lib/config";
import { MODEL_SOURCES, convertedModelPath, type UpscalerSource } from "@/lib/convert/sources";
import { resizePixels } from "@/lib/images/pixel-image";
import { STAMP_FILE } from "@/lib/onnx/fixtures/stamp";
import type { RgbImage } from "@/lib/images/tensor-image";
import { esrganPass } from "@/lib/upscalers/esrgan";
import type { TileOptions } from "@/lib/upscalers/tiled-model";

export interface UpscalerInfo {
  name: string;
  kind: "none" | "lanczos" | "nearest" | "esrgan" | "learned";
  /** The ONNX file of model upscalers. */
  modelPath: string | null;
  /** Nominal factor (A1111 reports 4 for every upscaler); a learned upscaler's own factor. */
  scale: number;
  /** Learned upscalers: the largest tile they run with, whatever the tile setting (0 = whole picture) asks. */
  maxTile?: number;
  /** ESRGAN-folder models the fixture generator wrote (untrained weights, marked by their stamp file). */
  generated?: boolean;
  /** Learned upscalers that run for a standard name of their scale that is not installed (lib/upscalers/standard-names). */
  standsIn?: boolean;
}

const BUILT_IN: UpscalerInfo[] = [
  { name: "None", kind: "none", modelPath: null, scale: 4 },
  { name: "Lanczos", kind: "lanczos", modelPath: null, scale: 4 },
  { name: "Nearest", kind: "nearest", modelPath: null, scale: 4 },
];

export function listUpscalers(modelsDir = onyxPaths().models): UpscalerInfo[] {
  const dir = path.join(modelsDir, "ESRGAN");
  const files = fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isFile() && /\.onnx$/i.test(d.name)) : [];
  const models = files
    .map((d): UpscalerInfo => {
      const modelPath = path.join(dir, d.name);
      return { name: path.basename(d.name, path.extname(d.name)), kind: "esrgan", modelPath, scale: 4, generated: fs.existsSync(modelPath + STAMP_FILE) };
    })
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: "base" }));
  return [...BUILT_IN, ...models, ...learnedUpscalers(modelsDir)];
}

function learnedUpscalers(modelsDir: string): UpscalerInfo[] {
  return MODEL_SOURCES.filter((s): s is UpscalerSource => s.role === "upscaler")
    .map((s): UpscalerInfo => ({ name: s.name, kind: "learned", modelPath: convertedModelPath(modelsDir, s), scale: s.scale, maxTile: s.maxTile, standsIn: s.standsIn }))
    .filter((u) => fs.existsSync(u.modelPath!));
}

export function findUpscaler(name: string, modelsDir?: string): UpscalerInfo | undefined {
  return listUpscalers(modelsDir).find((u) => u.name === name);
}

export function requireUpscaler(name: string, modelsDir?: string): UpscalerInfo {
  const found = findUpscaler(name, modelsDir);
  if (!found) throw new Error(`unknown upscaler "${name}" (available: ${listUpscalers(modelsDir).map((u) => u.name).join(", ")})`);
  return found;
}

/** A1111's destination for an upscale by `scale`: each side floored to a multiple of 8. */
export function upscaleDestination(width: number, height: number, scale: number): { width: number; height: number } {
  return { width: Math.floor((width * scale) / 8) * 8, height: Math.floor((height * scale) / 8) * 8 };
}

/** One `do_upscale` of an upscaler. */
function upscalePass(upscaler: UpscalerInfo, img: RgbImage, scale: number, tiles: TileOptions): Promise<RgbImage> {
  const by = (s: number) => [Math.trunc(img.width * s), Math.trunc(img.height * s)] as const;
  switch (upscaler.kind) {
    case "none":
      return Promise.resolve(img);
    case "lanczos":
      return resizePixels(img, ...by(scale), "lanczos3");
    case "nearest":
      return resizePixels(img, ...by(scale), "nearest");
    case "esrgan":
      return esrganPass(upscaler.modelPath!, img, tiles);
    case "learned": {
      const max = upscaler.maxTile!;
      return esrganPass(upscaler.modelPath!, img, { ...tiles, tile: tiles.tile > 0 ? Math.min(tiles.tile, max) : max });
    }
  }
}

/** A1111's `Upscaler.upscale(img, scale)`. */
export async function upscaleImage(img: RgbImage, scale: number, upscaler: UpscalerInfo, tiles: TileOptions = { tile: 192, overlap: 8 }): Promise<RgbImage> {
  const dest = upscaleDestination(img.width, img.height, scale);
  if (dest.width <= 0 || dest.height <= 0) throw new Error(`upscaling ${img.width}x${img.height} by ${scale} gives an empty image`);
  let out = img;
  for (let i = 0; i < 3; i++) {
    if (out.width >= dest.width && out.height >= dest.height && (i > 0 || scale !== 1)) break;
    if (tiles.isInterrupted?.()) break;
    const before = out;
    out = await upscalePass(upscaler, out, scale, tiles);
    if (out.width === before.width && out.height === before.height) break;
  }
  return resizePixels(out, dest.width, dest.height, "lanczos3");
}
