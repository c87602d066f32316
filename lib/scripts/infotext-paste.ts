// Pasting an infotext restores scripts' controls too (docs/extensions.md#pasting-an-infotext): every script of the
// tab that declares `pasteInfotext` reads the parsed fields and names the arguments they give back; those are
// checked as API arguments are, and only the names it returned go to the form (the others keep their values).
import { bindScriptArgs } from "@/lib/scripts/bind-args";
import { scriptsForTab } from "@/lib/scripts/request-scripts";
import type { ScriptTab } from "@/lib/scripts/script";

/** Script id → the arguments by name the infotext restores (checked); scripts it says nothing of are absent. */
export async function pastedScriptArgs(tab: ScriptTab, fields: Readonly<Record<string, string>>): Promise<Record<string, Record<string, unknown>>> {
  const pasted: Record<string, Record<string, unknown>> = {};
  for (const script of await scriptsForTab(tab)) {
    if (!script.pasteInfotext) continue;
    try {
      const given = script.pasteInfotext(fields, tab);
      if (!given) continue;
      const bound = bindScriptArgs(script, given);
      pasted[script.id] = Object.fromEntries(Object.keys(given).filter((name) => name in bound).map((name) => [name, bound[name]]));
    } catch (error) {
      // A paste the script cannot read leaves its controls as they were, as A1111 skips a field it cannot cast.
      console.warn(`${script.title}: the pasted infotext was not applied (${(error as Error).message})`);
    }
  }
  return pasted;
}
