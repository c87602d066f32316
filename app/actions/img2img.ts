"use server";
// The img2img tab's submit: the form's fields plus the init image (and the inpaint mask) as data
// URLs; validated with the pipeline's schema, then queued like txt2img. The Batch sub-tab names server
// folders instead (lib/pipeline/img2img-batch.ts).
import path from "node:path";
import sharp from "sharp";
import { dataUrlBytes, UploadError } from "@/app/actions/upload-bytes";
import type { SubmitResult } from "@/app/actions/generation";
import { pngInfo } from "@/lib/api/png-info";
import { FolderError, readFolderImages, writeFolderImages } from "@/lib/pipeline/extras-directory";
import { pairMasks, withPngInfo, type BatchItem } from "@/lib/pipeline/img2img-batch";
import { scaledSize } from "@/lib/pipeline/resize-by";
import { img2imgParamsSchema, type Img2imgInput, type Img2imgParams } from "@/lib/pipeline/img2img-params";
import { describeValidationError } from "@/lib/pipeline/params";
import { runImg2img } from "@/lib/pipeline/run-job";
import { jobQueue, isQueueFullError } from "@/lib/queue/job-queue";
import type { GenerationResult } from "@/lib/queue/progress-report";
import { serverFoldersRefusal } from "@/lib/security/server-folders";

export type Img2imgRequest = Omit<Img2imgInput, "initImages" | "mask"> & {
  /** data:image/…;base64 URLs. */
  initImages: string[];
  mask: string | null;
};

export async function submitImg2img(request: Img2imgRequest): Promise<SubmitResult> {
  let initImages: Uint8Array[];
  let mask: Uint8Array | null;
  try {
    if (!Array.isArray(request?.initImages) || request.initImages.some((i) => typeof i !== "string")) return { error: "initImages: must be a list of data URLs" };
    initImages = request.initImages.map((url, i) => dataUrlBytes(url, request.initImages.length > 1 ? `init image ${i + 1}` : "the init image"));
    mask = typeof request.mask === "string" ? dataUrlBytes(request.mask, "the mask") : null;
  } catch (e) {
    if (e instanceof UploadError) return { error: e.message };
    throw e;
  }
  const parsed = img2imgParamsSchema.safeParse({ ...request, initImages, mask });
  if (!parsed.success) return { error: describeValidationError(parsed.error) };
  try {
    const task = jobQueue().submit("img2img", (progress) => runImg2img(parsed.data, progress));
    return { taskId: task.id };
  } catch (e) {
    if (isQueueFullError(e)) return { error: e.message };
    throw e;
  }
}

export type Img2imgBatchRequest = Omit<Img2imgInput, "initImages" | "mask" | "saveImages"> & {
  inputDir: string;
  /** "": the results are saved as img2img results (outputs/img2img-images). */
  outputDir: string;
  /** "": no masks (plain img2img). */
  maskDir: string;
  /** The infotext fields taken from each input (PNG_INFO_FIELDS); [] = none. */
  pngInfoFields: string[];
  /** "Resize by": each input's size times this (lib/pipeline/resize-by.ts); null = Width and Height. */
  scaleBy: number | null;
};

/** Batch: one img2img job per image of a server folder, results into another folder (docs/ui.md#img2img-batch). */
export async function submitImg2imgBatch(request: Img2imgBatchRequest): Promise<SubmitResult> {
  const refused = serverFoldersRefusal();
  if (refused) return { error: refused };
  const { inputDir, outputDir, maskDir, pngInfoFields, scaleBy = null, ...controls } = request ?? {};
  if ([inputDir, outputDir, maskDir].some((d) => typeof d !== "string")) return { error: "inputDir, outputDir and maskDir must be text" };
  if (!Array.isArray(pngInfoFields) || pngInfoFields.some((f) => typeof f !== "string")) return { error: "pngInfoFields: must be a list of field names" };
  if (scaleBy !== null && !(typeof scaleBy === "number" && scaleBy > 0 && scaleBy <= 4)) return { error: "scaleBy: must be a number above 0 and at most 4, or null" };
  let items: BatchItem[];
  try {
    items = pairMasks(readFolderImages(inputDir), maskDir.trim() === "" ? null : readFolderImages(maskDir, "Inpaint batch mask directory"));
  } catch (e) {
    if (e instanceof FolderError) return { error: e.message };
    throw e;
  }
  if (items.length === 0) return { error: "Inpaint batch mask directory: no mask has the name of an input image" };
  const jobs: Array<{ name: string; params: Img2imgParams }> = [];
  for (const item of items) {
    let size = {};
    if (scaleBy !== null) {
      const meta = await sharp(item.image).metadata().catch(() => null);
      if (!meta?.width || !meta.height) return { error: `${item.name} is not a readable image` };
      size = scaledSize({ width: meta.width, height: meta.height }, scaleBy);
    }
    const parsed = img2imgParamsSchema.safeParse({ ...controls, ...size, initImages: [item.image], mask: item.mask, saveImages: outputDir.trim() === "" });
    if (!parsed.success) return { error: describeValidationError(parsed.error) };
    const infotext = pngInfoFields.length === 0 ? {} : await pngInfo(Buffer.from(item.image).toString("base64")).then((r) => r.parameters, () => ({}));
    jobs.push({ name: item.name, params: withPngInfo(parsed.data, infotext, pngInfoFields) });
  }
  try {
    const task = jobQueue().submit("img2img", async (progress) => {
      const images: GenerationResult["images"] = [];
      let info: GenerationResult["info"] = {};
      for (const job of jobs) {
        if (progress.interrupted) break;
        const result = await runImg2img(job.params, progress);
        if (outputDir.trim() !== "") writeFolderImages(outputDir, result.images.map((image, i) => ({ png: image.png, name: i === 0 ? job.name : `${path.parse(job.name).name}-${i}` })));
        images.push(...result.images);
        info = result.info;
      }
      return { images, info };
    });
    return { taskId: task.id };
  } catch (e) {
    if (isQueueFullError(e)) return { error: e.message };
    throw e;
  }
}
