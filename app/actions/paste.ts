"use server";
// Pasting an infotext into a generation tab: the scripts' arguments it restores (lib/scripts/infotext-paste.ts),
// for the tab's scripts form. The fields are parsed in the browser, as for the tab's own controls.
import { z } from "zod";
import { MAX_INFOTEXT_LENGTH } from "@/lib/infotext/limits";
import { pastedScriptArgs } from "@/lib/scripts/infotext-paste";

const input = z.object({
  tab: z.enum(["txt2img", "img2img"]),
  fields: z.record(z.string(), z.string().max(MAX_INFOTEXT_LENGTH)),
});

export async function pasteScriptArgs(tab: "txt2img" | "img2img", fields: Record<string, string>): Promise<Record<string, Record<string, unknown>>> {
  const parsed = input.safeParse({ tab, fields });
  if (!parsed.success) return {};
  return pastedScriptArgs(parsed.data.tab, parsed.data.fields);
}
