// The Extras tab's upscale (A1111's postprocessing "Upscale" script, docs/a1111/generation.md#extras), for one image or
// a batch: scale by s or scale to W×H (with optional crop to fit and max side length), upscaler 1, and
// upscaler 2 blended in with its visibility. Results go to outputs/extras-images/ with the `extras` text
// chunk; the source PNG's own text chunks are kept. Every input is validated before anything is written;
// an interrupt stops between images (and between ESRGAN tiles, discarding that image).
import { settingsBaseFolder } from "@/lib/images/output-naming";
import { formatExtension } from "@/lib/pipeline/save-naming";
import { z } from "zod";
import { formatInfotextItem, type InfotextValue } from "@/lib/infotext/values";
import { pyFloat } from "@/lib/python/str";
import { checkImage, decodeImage } from "@/lib/images/decode-image";
import { readPngText, writePngText } from "@/lib/images/png-text";
import { pastePixels } from "@/lib/images/pixel-image";
import type { RgbImage } from "@/lib/images/tensor-image";
import { fieldsFromInfotext } from "@/lib/history/infotext-fields";
import { JobInterrupted } from "@/lib/job-interrupted";
import { encodeResultImage, imageUrl, saveJobImage } from "@/lib/pipeline/result-images";
import type { JobProgress } from "@/lib/queue/job-progress";
import { withJobWarnings, type GenerationResult } from "@/lib/queue/progress-report";
import { loadOptions } from "@/lib/settings/store";
import { upscaleImage, type UpscalerInfo } from "@/lib/upscalers/registry";
import { requireResolvedUpscaler, substitutionWarning } from "@/lib/upscalers/standard-names";
import type { TileOptions } from "@/lib/upscalers/tiled-model";

const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, "must be image bytes");

export const extrasParamsSchema = z.object({
  /** One image (Single Image) or several (Batch Process); `name` is the uploaded file name. */
  images: z.array(z.object({ data: bytes, name: z.string().optional() })).min(1, "at least one image is needed"),
  /** 0 = "Scale by", 1 = "Scale to". */
  resizeMode: z.union([z.literal(0), z.literal(1)]).default(0),
  upscalingResize: z.number().positive().max(8).default(2),
  upscalingResizeW: z.number().int().min(1).max(8192).default(512),
  upscalingResizeH: z.number().int().min(1).max(8192).default(512),
  upscalingCrop: z.boolean().default(true),
  /** Scale by only: 0 = no limit. */
  maxSideLength: z.number().int().min(0).max(16384).default(0),
  upscaler1: z.string().default("None"),
  upscaler2: z.string().default("None"),
  upscaler2Visibility: z.number().min(0).max(1).default(0),
  saveImages: z.boolean().default(true),
  /** API requests carry Python floats: `Postprocess upscale by: 2.0`. */
  floatNumbers: z.boolean().default(false),
});

export type ExtrasParams = z.infer<typeof extrasParamsSchema>;
export type ExtrasInput = z.input<typeof extrasParamsSchema>;

/** A1111's limit_size_by_one_dimention: the longer side becomes `limit`, the other follows by floor division. */
function limitLongerSide(w: number, h: number, limit: number): [number, number] {
  if (h > w && h > limit) return [Math.trunc(Math.floor((limit * w) / h)), limit];
  if (w > limit) return [limit, Math.trunc(Math.floor((limit * h) / w))];
  return [Math.trunc(w), Math.trunc(h)];
}

/** One upscaler's result for one image (A1111's ScriptPostprocessingUpscale.upscale), recording its info keys. */
async function upscaleOne(img: RgbImage, upscaler: UpscalerInfo, params: ExtrasParams, info: Map<string, InfotextValue>, tiles: TileOptions): Promise<RgbImage> {
  const float = (x: number) => (params.floatNumbers ? pyFloat(x) : x);
  let scaleTo = params.resizeMode === 1;
  let crop = params.upscalingCrop;
  let [toW, toH] = [params.upscalingResizeW, params.upscalingResizeH];
  let scale: number;
  if (scaleTo) {
    scale = Math.max(toW / img.width, toH / img.height);
    info.set("Postprocess upscale to", `${toW}x${toH}`);
  } else {
    scale = params.upscalingResize;
    info.set("Postprocess upscale by", float(scale));
    const limit = params.maxSideLength;
    if (limit !== 0 && Math.max(img.width, img.height) * scale > limit) {
      scaleTo = true;
      crop = false;
      [toW, toH] = limitLongerSide(img.width * scale, img.height * scale, limit);
      scale = Math.max(toW / img.width, toH / img.height);
      info.set("Max side length", limit);
    }
  }
  let out = await upscaleImage(img, scale, upscaler, tiles);
  if (scaleTo && crop) {
    const canvas: RgbImage = { width: toW, height: toH, data: new Uint8Array(toW * toH * 3) };
    out = pastePixels(canvas, out, Math.floor(toW / 2) - Math.floor(out.width / 2), Math.floor(toH / 2) - Math.floor(out.height / 2));
    info.set("Postprocess crop to", `${toW}x${toH}`);
  }
  return out;
}

/** PIL's Image.blend: a + v·(b − a), truncated to bytes. */
function blendImages(a: RgbImage, b: RgbImage, v: number): RgbImage {
  if (a.width !== b.width || a.height !== b.height) throw new Error(`upscaler 2 gave ${b.width}x${b.height}, upscaler 1 ${a.width}x${a.height}`);
  return { width: a.width, height: a.height, data: a.data.map((x, i) => Math.trunc(x + v * (b.data[i] - x))) };
}

/** The upscale step of one image and its `extras` infotext (empty when upscaler 1 is None: nothing is done). */
export async function postprocessUpscale(img: RgbImage, params: ExtrasParams, tiles: TileOptions): Promise<{ image: RgbImage; infotext: string }> {
  const info = new Map<string, InfotextValue>();
  if (params.upscaler1 === "None") return { image: img, infotext: "" };
  // A stand-in runs for a standard name that is not installed (docs/upscalers.md#standard-names).
  const first = requireResolvedUpscaler(params.upscaler1).upscaler;
  const second = params.upscaler2 === "None" ? null : requireResolvedUpscaler(params.upscaler2).upscaler;
  let image = await upscaleOne(img, first, params, info, tiles);
  info.set("Postprocess upscaler", first.name);
  if (second && params.upscaler2Visibility > 0) {
    const other = await upscaleOne(img, second, params, info, tiles);
    image = blendImages(image, other, params.upscaler2Visibility);
    info.set("Postprocess upscaler 2", second.name);
  }
  return { image, infotext: [...info].map(([k, v]) => formatInfotextItem(k, v)).join(", ") };
}

export async function runExtras(request: ExtrasParams, progress: JobProgress): Promise<GenerationResult> {
  const params = extrasParamsSchema.parse(request);
  // Unknown upscalers and bad uploads fail before any file is written.
  for (const name of [params.upscaler1, params.upscaler2]) {
    if (name === "None") continue;
    const resolved = requireResolvedUpscaler(name);
    if (resolved.substitutedFor) progress.warn(substitutionWarning(resolved));
  }
  const what = (i: number) => (params.images.length > 1 ? `image ${i + 1}${params.images[i].name ? ` (${params.images[i].name})` : ""}` : "image");
  const formats = await Promise.all(params.images.map((img, i) => checkImage(img.data, what(i))));

  const options = loadOptions();
  // The tiles of each upscaler pass are the steps of the image's unit: the bar and the text move during an upscale.
  progress.stepLabel = "Upscaling tile";
  const tiles: TileOptions = {
    tile: options.ESRGAN_tile,
    overlap: options.ESRGAN_tile_overlap,
    isInterrupted: () => progress.interrupted,
    onTile: (done, total) => {
      progress.samplingSteps = total;
      progress.samplingStep = done;
    },
  };
  progress.jobCount = params.images.length;
  const images: GenerationResult["images"] = [];
  const infotexts: string[] = [];
  for (let i = 0; i < params.images.length; i++) {
    if (progress.interrupted) break;
    progress.beginBatch(i, params.images.length > 1 ? `Image ${i + 1} out of ${params.images.length}` : "");
    const source = params.images[i].data;
    let result;
    try {
      result = await postprocessUpscale(await decodeImage(source, what(i)), params, tiles);
    } catch (e) {
      if (e instanceof JobInterrupted) break;
      throw e;
    }
    // An upscale cut short by an interrupt is not the picture asked for: drop it.
    if (progress.interrupted) break;
    const sourceText = formats[i].format === "png" ? readPngText(source) : {};
    const text = { ...sourceText, ...(result.infotext ? { extras: result.infotext } : {}) };
    const png = writePngText(await encodeResultImage(result.image, null), text);
    const { width, height } = result.image;
    infotexts.push(result.infotext);
    const savedPath = params.saveImages
      ? await saveJobImage(progress, {
          png,
          text,
          naming: { kind: "extras", baseFolder: settingsBaseFolder(options, "extras") },
          format: { extension: formatExtension(options.samples_format), jpegQuality: options.jpeg_quality, webpLossless: options.webp_lossless },
          // The source's parameters give the row its prompt and seed, the extras text what was done (docs/history.md#extras-results).
          fields: { ...(sourceText.parameters ? { ...fieldsFromInfotext(sourceText.parameters), width, height } : {}), ...(result.infotext ? { extensionFields: { extras: result.infotext } } : {}), jobId: progress.id },
        })
      : null;
    images.push({ url: imageUrl(png, savedPath), width, height, infotext: result.infotext, savedPath, png });
  }
  return withJobWarnings({ images, info: { infotexts } }, progress);
}
