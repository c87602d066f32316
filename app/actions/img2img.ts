"use server";
// The img2img tab's submit: the form's fields plus the init image (and the inpaint mask) as data
// URLs; validated with the pipeline's schema, then queued like txt2img.
import { dataUrlBytes, UploadError } from "@/app/actions/upload-bytes";
import type { SubmitResult } from "@/app/actions/generation";
import { img2imgParamsSchema, type Img2imgInput } from "@/lib/pipeline/img2img-params";
import { describeValidationError } from "@/lib/pipeline/params";
import { runImg2img } from "@/lib/pipeline/run-job";
import { jobQueue, isQueueFullError } from "@/lib/queue/job-queue";

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
