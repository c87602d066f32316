// Uploaded images (init images, masks, extras inputs) from bytes to pixels, refusing what is not a
// PNG/JPEG/WebP picture of a sane size before any pixels are decoded. sharp's `limitInputPixels`
// stops decompression bombs: the header is read, the pixel count checked, nothing large allocated.
// A job's inputs may also be pixels already (the child jobs of `inpaintPixels`, docs/extensions.md#inpaint):
// they go through the same checks and the same conversions, so they come out as their PNG would.
import sharp, { type Metadata, type Sharp } from "sharp";
import { channelsOf, type GrayImage, type PixelImage } from "@/lib/images/pixel-image";
import type { RgbImage } from "@/lib/images/tensor-image";

/** An image as a job takes it: encoded bytes (PNG, JPEG, WebP), or 8-bit pixels (RGB or one channel). */
export type ImageInput = Uint8Array | PixelImage;

/** Limits on uploaded pictures: 16384 px a side (WebP's own limit), 64 megapixels in total. */
export const INPUT_IMAGE_LIMITS = { maxSide: 16384, maxPixels: 64 * 1024 * 1024 } as const;

const FORMATS = new Set(["png", "jpeg", "webp"]);

/**
 * A bad upload, with a message meant for the user: `corrupt` when its data does not decode (the HTTP
 * layer answers 400), else a picture Onyx will not take (wrong format, too large: 422).
 */
export class ImageInputError extends Error {
  constructor(
    message: string,
    readonly corrupt = false,
  ) {
    super(message);
    this.name = "ImageInputError";
  }
}

function checkSize(width: number, height: number, what: string): void {
  if (width <= 0 || height <= 0) throw new ImageInputError(`${what} has no pixels (${width}x${height})`);
  if (width > INPUT_IMAGE_LIMITS.maxSide || height > INPUT_IMAGE_LIMITS.maxSide) {
    throw new ImageInputError(`${what} is ${width}x${height}; the largest side allowed is ${INPUT_IMAGE_LIMITS.maxSide} px`);
  }
  if (width * height > INPUT_IMAGE_LIMITS.maxPixels) {
    throw new ImageInputError(`${what} is ${width}x${height} = ${((width * height) / 1e6).toFixed(1)} megapixels; at most ${INPUT_IMAGE_LIMITS.maxPixels / 1024 / 1024} Mi pixels are allowed`);
  }
}

async function openChecked(bytes: Uint8Array, what: string) {
  if (bytes.length === 0) throw new ImageInputError(`${what} is empty`);
  let meta: Metadata;
  try {
    // Reading the header decodes no pixels, so it runs unlimited to be able to report the size.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new ImageInputError(`${what} is not a PNG, JPEG or WebP image`);
  }
  if (!meta.format || !FORMATS.has(meta.format)) throw new ImageInputError(`${what} is not a PNG, JPEG or WebP image (got ${meta.format ?? "unknown"})`);
  checkSize(meta.width ?? 0, meta.height ?? 0, what);
  const image = sharp(bytes, { limitInputPixels: INPUT_IMAGE_LIMITS.maxPixels, failOn: "error" });
  return { image, meta };
}

/** Pixels checked like an upload's header: the size limits, and data of 1 or 3 bytes a pixel. */
function checkPixels(pixels: PixelImage, what: string): void {
  checkSize(pixels.width, pixels.height, what);
  const plane = pixels.width * pixels.height;
  if (pixels.data.length !== plane && pixels.data.length !== 3 * plane) {
    throw new ImageInputError(`${what}: ${pixels.data.length} bytes are not ${pixels.width}x${pixels.height} pixels of 1 or 3 channels`);
  }
}

/** Pixels as sharp input (they have no orientation and no alpha). */
function openPixels(pixels: PixelImage, what: string): { image: Sharp; meta: Pick<Metadata, "hasAlpha"> } {
  checkPixels(pixels, what);
  const raw = Buffer.from(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength);
  return { image: sharp(raw, { raw: { width: pixels.width, height: pixels.height, channels: channelsOf(pixels) } }), meta: { hasAlpha: false } };
}

const open = (input: ImageInput, what: string) => (input instanceof Uint8Array ? openChecked(input, what) : openPixels(input, what));

/** Pixels of `input` that already have `channels` channels: what the conversions below make of them is a copy. */
function passThrough(input: ImageInput, channels: 1 | 3, what: string): PixelImage | null {
  if (input instanceof Uint8Array) return null;
  checkPixels(input, what);
  return channelsOf(input) === channels ? { width: input.width, height: input.height, data: input.data.slice() } : null;
}

/** Validates an upload from its header alone (no pixels decoded): format, size, pixel count; pixels are "raw". */
export async function checkImage(input: ImageInput, what = "image"): Promise<{ format: string; width: number; height: number }> {
  if (!(input instanceof Uint8Array)) {
    checkPixels(input, what);
    return { format: "raw", width: input.width, height: input.height };
  }
  const { meta } = await openChecked(input, what);
  return { format: meta.format!, width: meta.width!, height: meta.height! };
}

/**
 * Validates an upload completely: the header as `checkImage`, then every pixel decoded once and
 * discarded (sharp's stats), so truncated or corrupt data is refused before a job is queued.
 */
export async function checkImageData(bytes: Uint8Array, what = "image"): Promise<{ format: string; width: number; height: number }> {
  const { image, meta } = await openChecked(bytes, what);
  try {
    await image.stats();
  } catch (e) {
    throw new ImageInputError(`${what} is corrupt or truncated (${(e as Error).message})`, true);
  }
  return { format: meta.format!, width: meta.width!, height: meta.height! };
}

async function rawPixels(pipeline: Sharp, what: string, channels: 1 | 3): Promise<{ width: number; height: number; data: Uint8Array }> {
  try {
    const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== channels) throw new Error(`decoded ${info.channels} channels`);
    return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  } catch (e) {
    throw new ImageInputError(`${what} could not be decoded: ${(e as Error).message}`, true);
  }
}

/** RGB pixels with EXIF orientation applied and transparency flattened onto `background` (A1111's #ffffff). */
export async function decodeImage(input: ImageInput, what = "image", background = "#ffffff"): Promise<RgbImage> {
  const copy = passThrough(input, 3, what);
  if (copy) return copy;
  const { image } = await open(input, what);
  return rawPixels(image.rotate().flatten({ background }).toColourspace("srgb").removeAlpha(), what, 3);
}

/**
 * A1111's `create_binary_mask`: a mask with a transparent part is its alpha channel, binarised at > 128
 * unless `round` is off (the inpaint canvas sends strokes that way); any other mask is its greyscale.
 */
export async function decodeMask(input: ImageInput, what = "mask", round = true): Promise<GrayImage> {
  const copy = passThrough(input, 1, what);
  if (copy) return copy;
  const { image, meta } = await open(input, what);
  if (meta.hasAlpha) {
    const alpha = await rawPixels(image.clone().rotate().ensureAlpha().extractChannel("alpha"), what, 1);
    if (alpha.data.some((a) => a !== 255)) return round ? { ...alpha, data: alpha.data.map((a) => (a > 128 ? 255 : 0)) } : alpha;
  }
  return rawPixels(image.rotate().flatten({ background: "#000000" }).greyscale().toColourspace("b-w"), what, 1);
}

/** The picture's greyscale with any alpha dropped, not applied (how A1111 reads a latent mask: `convert("RGB")`). */
export async function decodeGrayscale(input: ImageInput, what = "image"): Promise<GrayImage> {
  const copy = passThrough(input, 1, what);
  if (copy) return copy;
  const { image } = await open(input, what);
  return rawPixels(image.rotate().removeAlpha().greyscale().toColourspace("b-w"), what, 1);
}
