// POST /sdapi/v1/png-info: the infotext of an image (the PNG `parameters` chunk), its other text
// entries as `items`, and the infotext parsed the way a paste reads it (docs/a1111/infotext.md#where-it-is-stored, docs/a1111/infotext.md#parsing).
// An infotext longer than MAX_INFOTEXT_LENGTH is refused with a 422.
import { decodeEncodedImage } from "@/lib/api/encoded-image";
import { ApiError } from "@/lib/api/errors";
import { readPngText } from "@/lib/images/png-text";
import { infotextTooLong, MAX_INFOTEXT_LENGTH } from "@/lib/infotext/limits";
import { parseGenerationParameters } from "@/lib/infotext/parser";
import { listLoras } from "@/lib/models/loras";
import { pastedLoraParams } from "@/lib/networks/lora-paste";
import { loadOptions } from "@/lib/settings/store";
import { str } from "@/lib/api/pydantic-fields";
import { z } from "zod";

export const pngInfoRequestSchema = z.object({ image: str() });

export interface PngInfoResponse {
  info: string;
  items: Record<string, string>;
  parameters: Record<string, string>;
}

export async function pngInfo(encoded: string): Promise<PngInfoResponse> {
  const image = await decodeEncodedImage(encoded);
  let text: Record<string, string> = {};
  if (image.format === "png") {
    try {
      text = readPngText(image.bytes);
    } catch (e) {
      throw new ApiError(400, `Invalid encoded image: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const { parameters: info = "", ...items } = text;
  // Refused, not truncated: the parameters line a paste needs is the text's last line.
  if (info.length > MAX_INFOTEXT_LENGTH) throw new ApiError(422, infotextTooLong("the image's infotext", info.length));
  // A1111 runs the on_infotext_pasted callbacks on `parameters`: the Lora extension's rename the LoRA tags.
  return { info, items, parameters: pastedLoraParams(parseGenerationParameters(info), listLoras(), loadOptions().lora_preferred_name === "Filename") };
}
