// A1111's `Script.elem_id`: `script_[<tab>_]<slug>_<item>`, the slug being the lower-cased name with
// whitespace as "_" and everything but [a-z_0-9] dropped. The tab prefix appears only for scripts
// shown on both tabs, whose two copies are on the page at once and would otherwise share ids.
import type { ScriptTab } from "@/lib/scripts/script";
import type { ScriptDescriptor } from "@/lib/scripts/script-descriptors";

export const scriptSlug = (name: string) => name.toLowerCase().replace(/\s/g, "_").replace(/[^a-z_0-9]/g, "");

/** The id prefix of a script's controls on `tab`; append `_<param>` for one control. */
export function scriptElementId(tab: ScriptTab, script: Pick<ScriptDescriptor, "id" | "tabs">): string {
  const bothTabs = script.tabs.includes("txt2img") && script.tabs.includes("img2img");
  return `script_${bothTabs ? `${tab}_` : ""}${scriptSlug(script.id)}`;
}
