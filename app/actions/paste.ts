"use server";
// Pasting an infotext into a generation tab: the scripts' arguments it restores (lib/scripts/infotext-paste.ts),
// for the tab's scripts form, and the prompt after the LoRA callbacks (lib/networks/lora-paste.ts), which need the
// installed LoRAs. The fields are parsed in the browser, as for the tab's own controls.
import { z } from "zod";
import { MAX_INFOTEXT_LENGTH } from "@/lib/infotext/limits";
import { listLoras } from "@/lib/models/loras";
import { pastedLoraParams } from "@/lib/networks/lora-paste";
import { pastedScriptArgs } from "@/lib/scripts/infotext-paste";
import { loadOptions } from "@/lib/settings/store";

const input = z.object({
  tab: z.enum(["txt2img", "img2img"]),
  fields: z.record(z.string(), z.string().max(MAX_INFOTEXT_LENGTH)),
});

export async function pasteScriptArgs(tab: "txt2img" | "img2img", fields: Record<string, string>): Promise<Record<string, Record<string, unknown>>> {
  const parsed = input.safeParse({ tab, fields });
  if (!parsed.success) return {};
  return pastedScriptArgs(parsed.data.tab, parsed.data.fields);
}

/** The pasted prompt with its LoRA tags as A1111's Lora extension leaves them (renamed to the LoRAs installed here), or null when unchanged. */
export async function pasteLoraPrompt(fields: Record<string, string>): Promise<string | null> {
  const parsed = input.shape.fields.safeParse(fields);
  if (!parsed.success || parsed.data.Prompt === undefined) return null;
  const prompt = pastedLoraParams(parsed.data, listLoras(), loadOptions().lora_preferred_name === "Filename").Prompt;
  return prompt === parsed.data.Prompt ? null : prompt;
}
