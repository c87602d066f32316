// How the outpainting scripts hand back a picture they assembled themselves: saved as a sample (with
// its infotext) when the settings and the job save, else inline, and with the infotext in its PNG.
import { writePngText } from "@/lib/images/png-text";
import type { GenerationResult } from "@/lib/queue/progress-report";
import type { SaveImageOptions, ScriptServices } from "@/lib/scripts/script";

export type ResultImage = GenerationResult["images"][number];

export async function resultImage(services: ScriptServices, png: Buffer, size: { width: number; height: number }, infotext: string, save: boolean, options: SaveImageOptions = {}): Promise<ResultImage> {
  const saved = save ? await services.saveImage(png, infotext, options) : null;
  return {
    url: saved ? `/files/${saved.relativePath}` : `data:image/png;base64,${png.toString("base64")}`,
    width: size.width,
    height: size.height,
    infotext,
    savedPath: saved?.relativePath ?? null,
    png: services.settings.enable_pnginfo && infotext ? writePngText(png, { parameters: infotext }) : png,
  };
}
