// The name a prompt tag uses for a LoRA (A1111's NetworkOnDisk.get_alias, docs/lora.md#files-and-prompt-syntax): its
// alias, or its file name when lora_preferred_name is "Filename" or the alias is forbidden — A1111 forbids "none"
// (and lists "Addams", which its lower-cased check never matches) and every alias that another LoRA also has as
// its name or alias.
import type { LoraFile } from "@/lib/models/loras";

const FORBIDDEN = ["none", "Addams"];

/** Lower-cased aliases that name more than one LoRA. */
export function forbiddenAliases(loras: readonly LoraFile[]): Set<string> {
  const forbidden = new Set(FORBIDDEN);
  for (const lora of loras) {
    if (loras.some((other) => other !== lora && (other.name === lora.alias || other.alias === lora.alias))) forbidden.add(lora.alias.toLowerCase());
  }
  return forbidden;
}

export function loraPromptName(lora: LoraFile, forbidden: ReadonlySet<string>, preferFilename: boolean): string {
  return preferFilename || forbidden.has(lora.alias.toLowerCase()) ? lora.name : lora.alias;
}
