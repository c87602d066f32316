// Images arrive from the browser inside server-action arguments as data URLs (FormData would need
// one field per image and mask). This turns one into bytes, refusing anything too large before
// decoding it; whether the bytes are an image is the pipeline's check (decode-image.ts).
import { base64Payload } from "@/lib/api/encoded-image";

/** One uploaded image's ceiling; the server action body limit (next.config.js) is 64 MB in all. */
export const MAX_UPLOAD_BYTES = 48 * 1024 * 1024;

export class UploadError extends Error {}

/** The bytes of a `data:…;base64,` URL (or bare base64) named `what` in errors. */
export function dataUrlBytes(text: string, what: string): Uint8Array {
  const payload = base64Payload(text);
  // base64 carries 3 bytes per 4 characters: check the size before allocating the buffer.
  if ((payload.length * 3) / 4 > MAX_UPLOAD_BYTES) throw new UploadError(`${what} is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
  if (payload === "" || !/^[A-Za-z0-9+/]*={0,2}$/.test(payload)) throw new UploadError(`${what} is not a base64 image`);
  return new Uint8Array(Buffer.from(payload, "base64"));
}
