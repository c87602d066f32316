// From decoded pixels to the files users keep: PNG encoding with the `parameters` text chunk, and
// saving through the history (file first, then its row) for samples and grids. A save that fails
// never fails the job (docs/history.md#saving-an-image): the image stays in the result and the job
// says why in its warnings.
import { HistoryRecordError, recordImage, type RecordImageInput } from "@/lib/history/record";
import { imageGrid } from "@/lib/images/grid";
import { encodePng } from "@/lib/images/png-encode";
import { readPngSize, writePngText } from "@/lib/images/png-text";
import type { SaveFormat } from "@/lib/images/save-format";
import { filenameContext, formatExtension, imageNaming } from "@/lib/pipeline/save-naming";
import type { RgbImage } from "@/lib/images/tensor-image";
import { ImageSaveError } from "@/lib/images/save";
import type { Processing } from "@/lib/pipeline/processing";
import type { JobProgress } from "@/lib/queue/job-progress";

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

/**
 * recordImage for a job: the saved file's path relative to the outputs folder, or null when no file
 * could be written; either failure becomes one of the job's warnings instead of an error.
 */
export async function saveJobImage(progress: JobProgress, input: RecordImageInput): Promise<string | null> {
  try {
    return (await recordImage(input)).relativePath;
  } catch (e) {
    if (!(e instanceof ImageSaveError || e instanceof HistoryRecordError)) throw e;
    progress.warn(e.message);
    return e instanceof HistoryRecordError ? e.relativePath : null;
  }
}

/** Where the browser loads an image: its /files/ URL when it was saved, else the bytes as a data URL. */
export const imageUrl = (png: Buffer, savedPath: string | null) => (savedPath ? `/files/${savedPath}` : `data:image/png;base64,${png.toString("base64")}`);

export async function saveResultImage(p: Processing, index: number, png: Buffer, infotext: string): Promise<string | null> {
  const size = readPngSize(png);
  return saveJobImage(p.progress, {
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
  const savedPath = save
    ? await saveJobImage(p.progress, {
        png,
        ...savedText(p, infotext),
        naming: imageNaming(p, filenameContext(p, 0, grid), { grid: { basename: "grid" } }),
        format: saveFormat(p, true),
        fields: historyFields(p, 0),
      })
    : null;
  return { width: grid.width, height: grid.height, png, url: imageUrl(png, savedPath), savedPath };
}
