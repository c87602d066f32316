// `ctx.services.saveImage` (docs/extensions.md#saving): an extra image of the job — ADetailer's picture before
// its inpaints, Ultimate SD Upscale's upscale, the X/Y/Z grid — saved like the job's own images: the saving
// settings' folder, file-name pattern and format, the infotext where the format keeps it (and the .txt
// beside it when asked), and a history row with the image's fields. A file that cannot be written is a
// warning of the job and null, like the job's own images (docs/history.md#saving-an-image).
import { encodePng } from "@/lib/images/png-encode";
import { readPngSize } from "@/lib/images/png-text";
import type { Processing } from "@/lib/pipeline/processing";
import { historyFields, savedText, saveFormat, saveJobImage } from "@/lib/pipeline/result-images";
import { filenameContext, imageNaming } from "@/lib/pipeline/save-naming";
import type { ScriptServices } from "@/lib/scripts/script-services";

/** A1111's suffixes are file-name text: no separators, nothing that climbs out of the folder. */
const SUFFIX = /^[\w.-]{0,64}$/;

export function saveImageService(p: Processing): ScriptServices["saveImage"] {
  return async (image, infotext, options = {}) => {
    const index = options.index ?? 0;
    if (options.suffix !== undefined && (!SUFFIX.test(options.suffix) || options.suffix.includes(".."))) {
      throw new Error(`saveImage: suffix "${options.suffix}" may only hold letters, digits, "_", "-" and "."`);
    }
    const png = Buffer.isBuffer(image) ? image : await encodePng(image);
    // A grid's name carries a seed only when the script gives one (the X/Y/Z plot's); an image's is its own.
    const seed = options.seed ?? (options.grid ? undefined : p.allSeeds[index]);
    const prompt = options.prompt ?? p.allPrompts[index];
    const ctx = { ...filenameContext(p, index, readPngSize(png)), prompt, seed: seed ?? null };
    const grid = options.grid ? { grid: { basename: options.basename || "grid" } } : {};
    const relativePath = await saveJobImage(p.progress, {
      png,
      ...savedText(p, infotext),
      naming: { ...imageNaming(p, ctx, grid), ...(options.suffix ? { suffix: options.suffix } : {}) },
      format: saveFormat(p, options.grid === true),
      fields: { ...historyFields(p, index), seed, prompt },
    });
    return relativePath === null ? null : { relativePath };
  };
}
