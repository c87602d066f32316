// Images sent to the API (docs/a1111/api.md#images): a data URI (everything after the first "," that
// follows the first ";") or bare base64. URLs are not fetched. Anything that does not decode to an
// image sharp can read is refused with A1111's "Invalid encoded image" (as a 400, not A1111's 500).
// Images the pipeline will decode are also checked like the UI's uploads (format, side length, pixel
// count, so a decompression bomb is refused from its header): those refusals are 422s. Their data is
// then decoded once, so a truncated or corrupt picture is a 400 naming the field before any job is
// queued rather than a failure inside the job.
import sharp from "sharp";
import { ApiError } from "@/lib/api/errors";
import { checkImageData, ImageInputError } from "@/lib/images/decode-image";

export interface DecodedImage {
  bytes: Buffer;
  format: string;
  width: number;
  height: number;
}

/** The base64 payload of a data URI or bare base64 text. */
export function base64Payload(text: string): string {
  const trimmed = text.trim();
  if (!trimmed.startsWith("data:")) return trimmed;
  const semicolon = trimmed.indexOf(";");
  const comma = trimmed.indexOf(",", semicolon);
  return semicolon < 0 || comma < 0 ? "" : trimmed.slice(comma + 1);
}

const BASE64_BODY = /^[A-Za-z0-9+/\r\n]*$/;
/** Checked a megabyte at a time, so that one large upload does not hold up other requests (docs/security.md#size-and-nesting-limits). */
const BASE64_SLICE = 1 << 20;

/** Without its padding: at most two trailing "=". */
function unpadded(text: string): string {
  let end = text.length;
  while (end > 0 && text.length - end < 2 && text.charCodeAt(end - 1) === 0x3d) end--;
  return text.slice(0, end);
}

/** Base64 text (line breaks allowed, as Python's b64decode takes it): its alphabet, then at most two "=". */
export const isBase64 = (text: string) => BASE64_BODY.test(unpadded(text));

/** isBase64, yielding to other requests between slices. */
async function isBase64Sliced(text: string): Promise<boolean> {
  const body = unpadded(text);
  for (let start = 0; start < body.length; start += BASE64_SLICE) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    if (!BASE64_BODY.test(body.slice(start, start + BASE64_SLICE))) return false;
  }
  return true;
}

export async function decodeEncodedImage(text: string): Promise<DecodedImage> {
  if (/^https?:\/\//i.test(text.trim())) throw new ApiError(400, "Invalid encoded image: image URLs are not fetched; send base64");
  const payload = base64Payload(text);
  if (payload === "" || !(await isBase64Sliced(payload))) throw new ApiError(400, "Invalid encoded image: not base64");
  const bytes = Buffer.from(payload, "base64");
  try {
    const meta = await sharp(bytes).metadata();
    if (!meta.format || !meta.width || !meta.height) throw new Error("no image size");
    return { bytes, format: meta.format, width: meta.width, height: meta.height };
  } catch {
    throw new ApiError(400, "Invalid encoded image: the data is not an image");
  }
}

/** An image for the pipeline: decoded (400 if it is none or corrupt) and checked (422), errors naming `what`, the request field. */
export async function decodeUploadedImage(text: string, what: string): Promise<DecodedImage> {
  let image: DecodedImage;
  try {
    image = await decodeEncodedImage(text);
  } catch (e) {
    if (e instanceof ApiError) throw new ApiError(e.status, `${e.detail} (${what})`);
    throw e;
  }
  try {
    await checkImageData(image.bytes, what);
  } catch (e) {
    if (e instanceof ImageInputError) throw new ApiError(e.corrupt ? 400 : 422, e.corrupt ? `Invalid encoded image: ${e.message}` : e.message);
    throw e;
  }
  return image;
}
