// Infotext arriving with an image sent to img2img: the same controls a txt2img paste fills, plus the
// img2img tab's own `Denoising strength` (A1111 binds that key on both tabs' paste fields).
import { parseGenerationParameters } from "@/lib/infotext/parser";
import type { Options } from "@/lib/settings/options";
import { applyInfotext } from "@/app/ui/txt2img/apply-infotext";
import type { Img2imgForm } from "@/app/ui/img2img/img2img-form";

/** The form with `infotext` applied; an image without infotext leaves the form as it is. */
export function applyImg2imgInfotext<Form extends Img2imgForm>(form: Form, infotext: string, current: Options): Form {
  if (infotext.trim() === "") return form;
  const fields = parseGenerationParameters(infotext);
  const pasted = applyInfotext(form, fields, current);
  const denoising = Number(fields["Denoising strength"]);
  return fields["Denoising strength"] !== undefined && Number.isFinite(denoising) ? { ...pasted, denoisingStrength: denoising } : pasted;
}
