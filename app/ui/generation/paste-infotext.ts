// Pasting an infotext into a generation tab — its ↙️ button, "Send to txt2img", an image sent to img2img with its
// text: one path for both tabs (A1111 binds the same paste fields on each). The tab's controls take the parsed
// fields; styles.csv's styles are recognised in the prompts as the "Infer styles" setting says ("Discard" takes
// their text out of the prompts without selecting them); the scripts' own fields come back from the server,
// which holds the scripts (docs/extensions.md#pasting-an-infotext), and so do the LoRA tags renamed to the LoRAs
// installed here (docs/lora.md#pasting-an-infotext), unless the prompt was edited meanwhile.
import type { Dispatch, SetStateAction } from "react";
import { pasteLoraPrompt, pasteScriptArgs } from "@/app/actions/paste";
import { parseGenerationParameters } from "@/lib/infotext/parser";
import type { PromptStyle } from "@/lib/infotext/styles";
import type { TabScripts } from "@/lib/scripts/script-descriptors";
import type { Options } from "@/lib/settings/options";
import { withPastedArgs, type ScriptsForm } from "@/app/ui/scripts/scripts-form";

export interface PasteTarget<Form> {
  tab: "txt2img" | "img2img";
  options: Options;
  /** The styles of styles.csv, to recognise in the pasted prompts. */
  styles: readonly PromptStyle[];
  scripts: TabScripts;
  setForm: Dispatch<SetStateAction<Form>>;
  setScriptsForm: Dispatch<SetStateAction<ScriptsForm>>;
  /** The tab's own controls from the parsed fields (img2img adds its Denoising strength). */
  apply: (form: Form, fields: Readonly<Record<string, string>>, options: Options) => Form;
}

export function pasteInfotext<Form extends { prompt: string }>(infotext: string, target: PasteTarget<Form>): void {
  const { options } = target;
  const infer = options.infotext_styles;
  const { ["Styles array"]: styles, ...fields } = parseGenerationParameters(infotext, { styles: target.styles, inferStyles: infer === "Discard" ? "Apply if any" : infer });
  const controls = infer === "Discard" || styles === undefined ? fields : { ...fields, "Styles array": styles };
  target.setForm((f) => target.apply(f, controls, options));
  void pasteScriptArgs(target.tab, fields).then((pasted) => target.setScriptsForm((f) => withPastedArgs(f, target.scripts, pasted)));
  void pasteLoraPrompt(fields).then((prompt) => prompt !== null && target.setForm((f) => (f.prompt === fields.Prompt ? { ...f, prompt } : f)));
}
