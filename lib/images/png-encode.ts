// 8-bit pixels (RGB or one-channel masks) to PNG bytes, optionally with text chunks (the infotext's
// `parameters`). Lossless, so an image that goes out as PNG and comes back is byte-identical.
import sharp from "sharp";
import { channelsOf, type GrayImage } from "@/lib/images/pixel-image";
import { writePngText } from "@/lib/images/png-text";
import type { RgbImage } from "@/lib/images/tensor-image";

export async function encodePng(image: RgbImage | GrayImage, text: Record<string, string> = {}): Promise<Buffer> {
  const channels = channelsOf(image);
  let pipeline = sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), {
    raw: { width: image.width, height: image.height, channels },
    limitInputPixels: false,
  });
  // Without this sharp writes a one-channel image as RGB.
  if (channels === 1) pipeline = pipeline.toColourspace("b-w");
  const png = await pipeline.png().toBuffer();
  return Object.keys(text).length ? writePngText(png, text) : png;
}
