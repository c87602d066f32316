"use server";
// The Extensions tab's actions: list what is installed, and "Apply and reload extensions" — persist the
// enable/disable choices in `disabled_extensions`, then load every extension again so the next job
// runs with the new set of scripts.
import { z } from "zod";
import { setExtensionEnabled } from "@/lib/scripts/extension-loader";
import { installedExtensions, reloadExtensions, type ExtensionInfo } from "@/lib/scripts/extension-registry";

export type ApplyExtensionsResult = { ok: true; extensions: ExtensionInfo[]; changed: string[] } | { ok: false; error: string };

const choicesSchema = z.record(z.string(), z.boolean());

export async function listExtensions(): Promise<ExtensionInfo[]> {
  return installedExtensions();
}

/** `choices`: extension id → enabled. Only ids of installed extensions are accepted. */
export async function applyExtensionChoices(choices: Record<string, boolean>): Promise<ApplyExtensionsResult> {
  const parsed = choicesSchema.safeParse(choices);
  if (!parsed.success) return { ok: false, error: parsed.error.issues.map((i) => i.message).join("; ") };
  const installed = await installedExtensions();
  const unknown = Object.keys(parsed.data).filter((id) => !installed.some((e) => e.id === id));
  if (unknown.length > 0) return { ok: false, error: `no such extension: ${unknown.join(", ")}` };
  // Only real changes are written; "failed" counts as enabled (it is not in disabled_extensions).
  const changed = installed.filter((e) => e.id in parsed.data && parsed.data[e.id] !== (e.status !== "disabled")).map((e) => e.id);
  for (const id of changed) setExtensionEnabled(id, parsed.data[id]!);
  return { ok: true, extensions: await reloadExtensions(), changed };
}
