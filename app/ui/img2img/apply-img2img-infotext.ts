// A pasted infotext on the img2img tab: the same controls a txt2img paste fills, plus the img2img tab's own
// `Denoising strength` (A1111 binds that key on both tabs' paste fields).
import type { Options } from "@/lib/settings/options";
import { applyInfotext } from "@/app/ui/txt2img/apply-infotext";
import type { Img2imgForm } from "@/app/ui/img2img/img2img-form";

/** The form with the parsed infotext `fields` applied (app/ui/generation/paste-infotext.ts parses them). */
export function applyImg2imgInfotext<Form extends Img2imgForm>(form: Form, fields: Readonly<Record<string, string>>, current: Options): Form {
  const pasted = applyInfotext(form, fields, current);
  const denoising = Number(fields["Denoising strength"]);
  return fields["Denoising strength"] !== undefined && Number.isFinite(denoising) ? { ...pasted, denoisingStrength: denoising } : pasted;
}
