// Pasting an infotext that used LoRAs (docs/lora.md#pasting-an-infotext): A1111's Lora extension's two
// on_infotext_pasted callbacks, in its order. The tags stay in the prompt as written; kohya's Additional Networks
// fields (`AddNet Module 1: LoRA`, `AddNet Model 1`, `AddNet Weight A 1`) become tags appended on a new line; then
// with `Lora hashes`, a tag whose name the hashes list and whose short hash is a LoRA installed here is renamed to
// that LoRA's prompt name (a file renamed since, or by someone else, still applies). `Lora hashes` itself names no
// control or setting, so a paste shows nothing for it.
import { knownLoraSha256, type LoraFile } from "@/lib/models/loras";
import { forbiddenAliases, loraPromptName } from "@/lib/networks/lora-alias";

type Params = Readonly<Record<string, string>>;

/** A1111's re_network_name: "name(hash)" as the Additional Networks extension writes its model names. */
const NAME_WITH_HASH = /^(.*)\s*\([0-9a-fA-F]+\)/;
const LORA_TAG_NAME = /<lora:([^:]+):/g;

/** networks.infotext_pasted: the Additional Networks extension's LoRA fields as tags. */
function addNetTags(params: Params): string | undefined {
  const added: string[] = [];
  for (const key of Object.keys(params)) {
    if (!key.startsWith("AddNet Model ")) continue;
    const num = key.slice("AddNet Model ".length);
    if (params[`AddNet Module ${num}`] !== "LoRA") continue;
    const name = params[key];
    added.push(`<lora:${NAME_WITH_HASH.exec(name)?.[1] ?? name}:${params[`AddNet Weight A ${num}`] ?? "1.0"}>`);
  }
  return added.length > 0 ? `\n${added.join("")}` : undefined;
}

/** `Lora hashes: "a: 0123456789ab, b: …"` → name → short hash; null when an entry has no ":" (A1111's callback then fails and changes nothing). */
function hashesByName(text: string): Map<string, string> | null {
  const byName = new Map<string, string>();
  for (const entry of text.split(",")) {
    const colon = entry.trim().indexOf(":");
    if (colon < 0) return null;
    byName.set(entry.trim().slice(0, colon).trim(), entry.trim().slice(colon + 1).trim());
  }
  return byName;
}

/** The pasted parameters after the callbacks: only "Prompt" changes. `loras`: the installed ones. */
export function pastedLoraParams(params: Params, loras: readonly LoraFile[], preferFilename: boolean): Record<string, string> {
  if (params.Prompt === undefined) return { ...params };
  let prompt = params.Prompt + (addNetTags(params) ?? "");
  const hashes = params["Lora hashes"] ? hashesByName(params["Lora hashes"]) : null;
  if (hashes) {
    const forbidden = forbiddenAliases(loras);
    const byShortHash = new Map<string, LoraFile>();
    for (const lora of loras) {
      const hash = knownLoraSha256(lora);
      if (hash) byShortHash.set(hash.slice(0, 12), lora);
    }
    prompt = prompt.replace(LORA_TAG_NAME, (tag, name: string) => {
      const short = hashes.get(name);
      const lora = short === undefined ? undefined : byShortHash.get(short);
      return lora ? `<lora:${loraPromptName(lora, forbidden, preferFilename)}:` : tag;
    });
  }
  return { ...params, Prompt: prompt };
}
