// From decoded pixels to the files users keep: PNG encoding with the `parameters` text chunk, and
// saving through the history (file first, then its row) for samples and grids.
import { recordImage } from "@/lib/history/record";
import { imageGrid } from "@/lib/images/grid";
import { encodePng } from "@/lib/images/png-encode";
import { readPngSize, writePngText } from "@/lib/images/png-text";
import type { SaveFormat } from "@/lib/images/save-format";
import { filenameContext, formatExtension, imageNaming } from "@/lib/pipeline/save-naming";
import type { RgbImage } from "@/lib/images/tensor-image";
import type { Processing } from "@/lib/pipeline/processing";

/** A result image's PNG: with the infotext in its `parameters` chunk unless `infotext` is null. */
export function encodeResultImage(rgb: RgbImage, infotext: string | null): Promise<Buffer> {
  return encodePng(rgb, infotext === null ? {} : { parameters: infotext });
}

/** The structured history fields of image `index` of a job. */
export function historyFields(p: Processing, index: number) {
  const { params } = p;
  return {
    prompt: p.allPrompts[index],
    negativePrompt: p.allNegativePrompts[index],
    seed: p.allSeeds[index],
    subseed: params.subseedStrength > 0 ? p.allSubseeds[index] : undefined,
    subseedStrength: params.subseedStrength > 0 ? params.subseedStrength : undefined,
    sampler: params.samplerName,
    scheduleType: params.scheduler,
    steps: params.steps,
    cfgScale: params.cfgScale,
    modelName: p.checkpoint.name,
    modelHash: p.checkpoint.hash,
    // The infotext fields samplers, modes and scripts added (A1111's extra_generation_params).
    extensionFields: Object.fromEntries(p.extraGenerationParams),
    jobId: p.progress.id,
  };
}

/** The saving settings' file format for samples or grids. */
export function saveFormat(p: Processing, grid: boolean): SaveFormat {
  return { extension: formatExtension(grid ? p.options.grid_format : p.options.samples_format), jpegQuality: p.options.jpeg_quality, webpLossless: p.options.webp_lossless };
}

/** What goes into a saved file: the infotext only with "Write infotext to metadata", and the .txt beside it. */
export const savedText = (p: Processing, infotext: string) => ({
  text: p.options.enable_pnginfo ? { parameters: infotext } : ({} as Record<string, string>),
  historyInfotext: infotext,
  ...(p.options.save_txt ? { sidecarText: infotext } : {}),
});

export async function saveResultImage(p: Processing, index: number, png: Buffer, infotext: string) {
  const size = readPngSize(png);
  return recordImage({
    png,
    ...savedText(p, infotext),
    naming: imageNaming(p, filenameContext(p, index, size)),
    format: saveFormat(p, false),
    fields: historyFields(p, index),
  });
}

/** Builds the job's grid; saves and records it when `save` is set. */
export async function saveResultGrid(
  p: Processing,
  cells: Array<{ png: Buffer; width: number; height: number }>,
  rows: number,
  infotext: string,
  save: boolean,
) {
  const grid = await imageGrid(cells, rows);
  const png = writePngText(grid.png, { parameters: infotext });
  const base = { width: grid.width, height: grid.height, png };
  if (!save) return { ...base, url: `data:image/png;base64,${png.toString("base64")}`, savedPath: null };
  const saved = await recordImage({
    png,
    ...savedText(p, infotext),
    naming: imageNaming(p, filenameContext(p, 0, grid), { grid: { basename: "grid" } }),
    format: saveFormat(p, true),
    fields: historyFields(p, 0),
  });
  return { ...base, url: `/files/${saved.relativePath}`, savedPath: saved.relativePath };
}
