// The real photographs in the shared data folder (../shared beside the repository, or ONYX_SHARED_DIR), as
// RGB pixels. Never copied into the repository.
import path from "node:path";
import sharp from "sharp";
import type { RgbImage } from "@/lib/images/tensor-image";

export const SHARED_DIR = path.resolve(process.env.ONYX_SHARED_DIR ?? "../shared");

export function photoPath(name: string): string {
  return path.join(SHARED_DIR, "data", "photos", name);
}

export async function loadPhoto(name: string): Promise<RgbImage> {
  const { data, info } = await sharp(photoPath(name)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}
