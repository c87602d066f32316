// The real photographs of the shared data folder (tests/setup/shared-data.ts) as RGB pixels. Never copied into
// the repository.
import sharp from "sharp";
import type { RgbImage } from "@/lib/images/tensor-image";
import { sharedData } from "./setup/shared-data";

export function photoPath(name: string): string {
  return sharedData("photos", name);
}

export async function loadPhoto(name: string): Promise<RgbImage> {
  const { data, info } = await sharp(photoPath(name)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}
