"use server";
// The Extras tab's submit: one image (Single Image) or several (Batch Process) as data URLs with
// their file names, plus the upscale controls; validated with the pipeline's schema, then queued.
import { dataUrlBytes, UploadError } from "@/app/actions/upload-bytes";
import type { SubmitResult } from "@/app/actions/generation";
import { extrasParamsSchema, runExtras, type ExtrasInput } from "@/lib/pipeline/extras";
import { describeValidationError } from "@/lib/pipeline/params";
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
  const parsed = extrasParamsSchema.safeParse({ ...request, images, floatNumbers: false });
  if (!parsed.success) return { error: describeValidationError(parsed.error) };
  try {
    const task = jobQueue().submit("extras", (progress) => runExtras(parsed.data, progress));
    return { taskId: task.id };
  } catch (e) {
    if (isQueueFullError(e)) return { error: e.message };
    throw e;
  }
}
