"use server";
// The Extras tab's submit: one image (Single Image) or several (Batch Process) as data URLs with
// their file names, or a server folder (Batch from Directory), plus the upscale controls; validated with
// the pipeline's schema, then queued.
import { dataUrlBytes, UploadError } from "@/app/actions/upload-bytes";
import type { SubmitResult } from "@/app/actions/generation";
import { extrasParamsSchema, runExtras, type ExtrasInput } from "@/lib/pipeline/extras";
import { FolderError, readFolderImages, writeFolderImages } from "@/lib/pipeline/extras-directory";
import { describeValidationError } from "@/lib/pipeline/params";
import { serverFoldersRefusal } from "@/lib/security/server-folders";
import { jobQueue, isQueueFullError } from "@/lib/queue/job-queue";

export type ExtrasRequest = Omit<ExtrasInput, "images" | "floatNumbers"> & {
  images: Array<{ dataUrl: string; name?: string }>;
};

export async function submitExtras(request: ExtrasRequest): Promise<SubmitResult> {
  let images: Array<{ data: Uint8Array; name?: string }>;
  try {
    if (!Array.isArray(request?.images) || request.images.some((i) => typeof i?.dataUrl !== "string")) return { error: "images: must be a list of data URLs" };
    images = request.images.map(({ dataUrl, name }, i) => ({ data: dataUrlBytes(dataUrl, name ?? `image ${i + 1}`), name }));
  } catch (e) {
    if (e instanceof UploadError) return { error: e.message };
    throw e;
  }
  return queueExtras({ ...request, images });
}

export type ExtrasDirectoryRequest = Omit<ExtrasInput, "images" | "floatNumbers" | "saveImages"> & {
  inputDir: string;
  /** "": the results are saved as Extras results (outputs/extras-images), as A1111 does. */
  outputDir: string;
};

/** Batch from Directory: the images of a server folder, written to another one (lib/pipeline/extras-directory.ts). */
export async function submitExtrasFromDirectory(request: ExtrasDirectoryRequest): Promise<SubmitResult> {
  const refused = serverFoldersRefusal();
  if (refused) return { error: refused };
  if (typeof request?.inputDir !== "string" || typeof request.outputDir !== "string") return { error: "inputDir and outputDir must be text" };
  let images: Array<{ data: Uint8Array; name: string }>;
  try {
    images = readFolderImages(request.inputDir);
  } catch (e) {
    if (e instanceof FolderError) return { error: e.message };
    throw e;
  }
  const { inputDir: _in, outputDir, ...controls } = request;
  return queueExtras({ ...controls, images, saveImages: outputDir.trim() === "" }, outputDir.trim() === "" ? undefined : outputDir);
}

function queueExtras(input: Omit<ExtrasInput, "floatNumbers">, outputDir?: string): SubmitResult {
  const parsed = extrasParamsSchema.safeParse({ ...input, floatNumbers: false });
  if (!parsed.success) return { error: describeValidationError(parsed.error) };
  const params = parsed.data;
  try {
    const task = jobQueue().submit("extras", async (progress) => {
      const result = await runExtras(params, progress);
      if (outputDir) writeFolderImages(outputDir, result.images.map((image, i) => ({ png: image.png, name: params.images[i].name ?? `image-${i + 1}` })));
      return result;
    });
    return { taskId: task.id };
  } catch (e) {
    if (isQueueFullError(e)) return { error: e.message };
    throw e;
  }
}
