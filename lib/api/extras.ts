// POST /sdapi/v1/extra-single-image and /extra-batch-images end to end (docs/a1111/generation.md#extras, docs/a1111/api.md#endpoints-and-errors): body →
// images decoded and checked → ExtrasParams → the shared queue → `{html_info, image}` / `{html_info,
// images}`. Each returned PNG keeps the source's text chunks and carries the extras infotext under
// `postprocessing`, as A1111's API images do; `html_info` is the last image's infotext as HTML.
import { decodeUploadedImage } from "@/lib/api/encoded-image";
import { extrasParams, type ExtrasUpload } from "@/lib/api/extras-params";
import { extrasBatchImagesRequestSchema, extrasSingleImageRequestSchema, type ExtrasRequest } from "@/lib/api/extras-request";
import { runQueuedJob } from "@/lib/api/queued-job";
import { readRequestModel } from "@/lib/api/request-body";
import { writePngText } from "@/lib/images/png-text";
import { runExtras } from "@/lib/pipeline/extras";
import { jobQueue } from "@/lib/queue/job-queue";

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");

/** A1111's plaintext_to_html: each line escaped (as Python's html.escape), joined by <br>, in a <p>. */
export function plaintextToHtml(text: string): string {
  return `<p>${text.split("\n").map(escapeHtml).join("<br>\n")}</p>`;
}

async function runApiExtras(request: Request, req: ExtrasRequest, uploads: ExtrasUpload[]): Promise<{ html_info: string; images: string[] }> {
  const params = extrasParams(req, uploads);
  const result = await runQueuedJob(jobQueue(), "extras", (progress) => runExtras(params, progress), request.signal);
  const images = result.images.map((image) => writePngText(image.png, { postprocessing: image.infotext }).toString("base64"));
  return { html_info: plaintextToHtml(result.images.at(-1)?.infotext ?? ""), images };
}

export async function handleExtrasSingleImage(request: Request): Promise<{ html_info: string; image: string }> {
  const { data } = await readRequestModel(request, extrasSingleImageRequestSchema);
  const upload: ExtrasUpload = { image: await decodeUploadedImage(data.image, "image"), field: "image" };
  const { html_info, images } = await runApiExtras(request, data, [upload]);
  return { html_info, image: images[0] ?? "" };
}

export async function handleExtrasBatchImages(request: Request): Promise<{ html_info: string; images: string[] }> {
  const { data } = await readRequestModel(request, extrasBatchImagesRequestSchema);
  const uploads = await Promise.all(
    data.imageList.map(async (file, i): Promise<ExtrasUpload> => {
      const field = `imageList[${i}]`;
      return { image: await decodeUploadedImage(file.data, field), field, name: file.name };
    }),
  );
  return runApiExtras(request, data, uploads);
}
