// Where a job's images are saved and what they are called, from the saving settings (A1111's
// save_image, docs/filename-patterns.md): the outdir_* folders (inside the outputs folder; A1111's
// "outputs/" prefix maps to it), "Save images/grids to a subdirectory" with the directory name
// pattern, the images filename pattern (grids only with "Add extended info", X/Y/Z grids always),
// numbering, and the file format's extension.
import { applyFilenamePattern, type FilenameContext } from "@/lib/images/filename-pattern";
import { settingsBaseFolder, type NamingInputs } from "@/lib/images/output-naming";
import type { Processing } from "@/lib/pipeline/processing";

/** The file extension of an image format setting ("jpeg" is saved as .jpeg, as A1111 does). */
export const formatExtension = (format: string) => format.toLowerCase();

/** A1111's FilenameGenerator inputs for image `index` of a job (size: the saved picture's). */
export function filenameContext(p: Processing, index: number, size: { width: number; height: number }): FilenameContext {
  const { params, options } = p;
  return {
    prompt: p.allPrompts[index] ?? params.prompt,
    negativePrompt: p.allNegativePrompts[index] ?? params.negativePrompt,
    seed: p.allSeeds[index] ?? null,
    allSeeds: p.allSeeds,
    batchSize: params.batchSize,
    batchIndex: index % params.batchSize,
    iteration: Math.floor(index / params.batchSize),
    nIter: params.nIter,
    steps: params.steps,
    cfgScale: params.cfgScale,
    floatNumbers: params.floatNumbers,
    samplerName: params.samplerName,
    scheduler: params.scheduler,
    width: size.width,
    height: size.height,
    modelHash: p.checkpoint.hash,
    modelName: p.checkpoint.name,
    jobTimestamp: p.progress.timestamp,
    styles: [],
    clipSkip: options.CLIP_stop_at_last_layers,
    denoisingStrength: p.denoisingStrength,
    maxPromptWords: options.directories_max_prompt_words,
    now: new Date(),
  };
}

export interface SaveKind {
  /** A grid: its basename; only plain "grid"s drop the pattern without "extended info" (X/Y/Z, Prompt matrix keep it). */
  grid?: { basename: string };
}

/** The naming of a saved image of `p`: folders, pattern-made names and the format's extension. */
export function imageNaming(p: Processing, ctx: FilenameContext, kind: SaveKind = {}): NamingInputs {
  const { options } = p;
  const grid = kind.grid;
  const naming: NamingInputs = grid
    ? { kind: "grid", gridTab: p.kind, gridBasename: grid.basename, seed: ctx.seed ?? undefined }
    : { kind: p.kind, seed: ctx.seed ?? undefined };
  const toDirs = grid ? options.grid_save_to_dirs : options.save_to_dirs;
  const subfolder = toDirs ? applyFilenamePattern(options.directories_filename_pattern || "[prompt_words]", ctx).replace(/^ +/, "").replace(/[\\ /]+$/, "") : "";
  const shortName = grid !== undefined && grid.basename === "grid" && !options.grid_extended_filename;
  const pattern = options.samples_filename_pattern || (options.save_to_dirs ? "[seed]" : "[seed]-[prompt_spaces]");
  return {
    ...naming,
    baseFolder: settingsBaseFolder(options, naming.kind, p.kind),
    subfolder,
    decoration: shortName || ctx.seed === null ? "" : applyFilenamePattern(pattern, ctx),
    addNumber: options.save_images_add_number,
    extension: formatExtension(grid ? options.grid_format : options.samples_format),
    // One clock reading for the [date] folder, the name and the history row.
    date: ctx.now,
  };
}
