// 8-bit images with 1 (mask) or 3 (RGB) interleaved channels, and the few whole-image operations the
// img2img, inpaint and upscale paths share: resizing through sharp, cropping and pasting.
import sharp from "sharp";
import type { RgbImage } from "@/lib/images/tensor-image";

export interface GrayImage {
  width: number;
  height: number;
  /** One byte per pixel, row-major. */
  data: Uint8Array;
}

/** Either kind of 8-bit image (the channel count follows from the data's length). */
export type PixelImage = RgbImage | GrayImage;

export function channelsOf(img: PixelImage): 1 | 3 {
  return img.data.length === img.width * img.height ? 1 : 3;
}

/** PIL's LANCZOS, NEAREST and BICUBIC resamplers, as sharp names them. */
export type ResampleKernel = "lanczos3" | "nearest" | "cubic";

export async function resizePixels<T extends PixelImage>(img: T, width: number, height: number, kernel: ResampleKernel = "lanczos3"): Promise<T> {
  if (img.width === width && img.height === height) return img;
  const channels = channelsOf(img);
  const { data, info } = await sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength), {
    raw: { width: img.width, height: img.height, channels },
    limitInputPixels: false,
  })
    .resize(width, height, { fit: "fill", kernel })
    // Without this sharp hands a one-channel image back as sRGB.
    .toColourspace(channels === 1 ? "b-w" : "srgb")
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== channels) throw new Error(`resize changed the channel count from ${channels} to ${info.channels}`);
  return { width, height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) } as T;
}

/** The box [x1, y1, x2) × [y1, y2) of `img` (PIL's crop; the box lies inside the image). */
export function cropPixels<T extends PixelImage>(img: T, box: CropBox): T {
  const channels = channelsOf(img);
  const width = box.x2 - box.x1;
  const height = box.y2 - box.y1;
  const data = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    const from = ((box.y1 + y) * img.width + box.x1) * channels;
    data.set(img.data.subarray(from, from + width * channels), y * width * channels);
  }
  return { width, height, data } as T;
}

/** Copies `patch` into `canvas` with its top-left corner at (x, y), clipping at the canvas edges. */
export function pastePixels<T extends PixelImage>(canvas: T, patch: T, x: number, y: number): T {
  const channels = channelsOf(canvas);
  const x0 = Math.max(0, x);
  const x1 = Math.min(canvas.width, x + patch.width);
  for (let py = 0; py < patch.height; py++) {
    const cy = y + py;
    if (cy < 0 || cy >= canvas.height || x1 <= x0) continue;
    const from = (py * patch.width + (x0 - x)) * channels;
    canvas.data.set(patch.data.subarray(from, from + (x1 - x0) * channels), (cy * canvas.width + x0) * channels);
  }
  return canvas;
}

/** A black image the size and channel count of `like`'s kind. */
export function blankLike<T extends PixelImage>(like: T, width: number, height: number): T {
  return { width, height, data: new Uint8Array(width * height * channelsOf(like)) } as T;
}

/** A rectangle with exclusive right/bottom edges, PIL's box convention. */
export interface CropBox {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}
