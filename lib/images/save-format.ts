// The file format of saved images (settings "File format for images/grids", "Quality for saved jpeg
// images", "Use lossless compression for webp images"): PNG keeps the infotext in text chunks, JPEG
// and WebP in the EXIF UserComment, as A1111 writes them. Pictures too large for the format are
// saved as PNG (JPEG: 65535 px a side, WebP: 16383), as A1111 falls back.
import sharp from "sharp";
import { jpegWithUserComment, webpWithUserComment } from "@/lib/images/exif-comment";
import { readPngSize, writePngText } from "@/lib/images/png-text";

export interface SaveFormat {
  /** png, jpg, jpeg or webp. */
  extension: string;
  jpegQuality: number;
  webpLossless: boolean;
}

export const PNG_FORMAT: SaveFormat = { extension: "png", jpegQuality: 80, webpLossless: false };

/** The bytes to write and the extension they really have. */
export async function encodeForSaving(png: Buffer, text: Record<string, string>, format: SaveFormat): Promise<{ bytes: Buffer; extension: string }> {
  const { width, height } = readPngSize(png);
  const ext = format.extension.toLowerCase();
  const infotext = text.parameters ?? Object.values(text)[0] ?? "";
  if ((ext === "jpg" || ext === "jpeg") && width <= 65535 && height <= 65535) {
    const jpeg = await sharp(png).flatten({ background: "#ffffff" }).jpeg({ quality: format.jpegQuality }).toBuffer();
    return { bytes: infotext ? jpegWithUserComment(jpeg, infotext) : jpeg, extension: ext };
  }
  if (ext === "webp" && width <= 16383 && height <= 16383) {
    const webp = await sharp(png).webp(format.webpLossless ? { lossless: true } : { quality: format.jpegQuality }).toBuffer();
    return { bytes: infotext ? webpWithUserComment(webp, infotext, width, height) : webp, extension: ext };
  }
  return { bytes: writePngText(png, text), extension: "png" };
}
