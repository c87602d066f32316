// How a selectable script hands back a picture it assembled itself (an outpainted canvas, a grid): saved
// through ctx.services.saveImage when the settings and the job save, else inline, with the infotext in its PNG.
import { writePngText } from "@/lib/images/png-text";
import type { GenerationResult } from "@/lib/queue/progress-report";
import type { SaveImageOptions, ScriptServices } from "@/lib/scripts/script-services";

/** A result image with its encoded bytes, as a job returns it. */
export type EncodedImage = GenerationResult["images"][number];

export async function resultImage(services: Pick<ScriptServices, "saveImage" | "settings">, png: Buffer, size: { width: number; height: number }, infotext: string, save: boolean, options: SaveImageOptions = {}): Promise<EncodedImage> {
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
