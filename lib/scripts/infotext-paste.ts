// Pasting an infotext restores scripts' controls too (docs/extensions.md#pasting-an-infotext). This is the one
// path for it: for every script of the tab, the arguments by name that the parsed fields give back — from the
// script's own `pasteInfotext` when it has one, otherwise from the fields its parameters declare (`infotext`,
// A1111's `infotext_fields`). Either way they are checked as API arguments are, and only the names given go to
// the form (the others keep their values).
import { isPythonFloat, pythonFloat } from "@/lib/python/float";
import { bindScriptArgs } from "@/lib/scripts/bind-args";
import { defaultUnit, ordinal } from "@/lib/scripts/repeat-units";
import { scriptsForTab } from "@/lib/scripts/request-scripts";
import type { AnyScript, RepeatParam, ScalarDefault, ScalarParam, ScriptTab } from "@/lib/scripts/script";

type Fields = Readonly<Record<string, string>>;

/** Units beyond this are not looked for when a repeat group has no maximum. */
const MAX_PASTED_UNITS = 32;

/** A field's text cast by the parameter's type, as A1111's paste does; undefined when it does not fit (the control stays). */
function castField(param: ScalarParam, text: string): ScalarDefault | undefined {
  switch (param.type) {
    case "bool":
      return text === "True" ? true : text === "False" ? false : undefined;
    case "number":
    case "int": {
      const value = isPythonFloat(text) ? pythonFloat(text) : NaN;
      return Number.isFinite(value) ? value : undefined;
    }
    case "string":
      return text;
    case "choice":
      return param.choices.includes(text) || param.choicesFrom ? text : undefined;
    case "image":
      return undefined;
  }
}

const unitSuffix = (k: number) => (k === 0 ? "" : ` ${ordinal(k + 1)}`);

/** The scalar parameters' values their fields (with `suffix`) give, and whether any of those fields is there. */
function declaredScalars(params: readonly ScalarParam[], fields: Fields, suffix: string): [Record<string, ScalarDefault>, boolean] {
  let found = false;
  const out: Record<string, ScalarDefault> = {};
  for (const param of params) {
    const text = param.infotext === undefined ? undefined : fields[param.infotext + suffix];
    if (text === undefined) continue;
    found = true;
    const value = castField(param, text);
    if (value !== undefined) out[param.name] = value;
  }
  return [out, found];
}

/**
 * The units the infotext names, unit k reading its fields with the ordinal suffix (" 2nd"); each is rebuilt from
 * the defaults (and so are the units between them), since ADetailer-style scripts leave default values out of the
 * infotext. Null when it names none.
 */
function declaredUnits(param: RepeatParam, fields: Fields): Array<Record<string, ScalarDefault>> | null {
  const units: Array<Record<string, ScalarDefault> | null> = [];
  for (let k = 0; k < (param.maxCount ?? MAX_PASTED_UNITS); k++) {
    const [unit, found] = declaredScalars(param.params, fields, unitSuffix(k));
    units.push(found ? { ...defaultUnit(param.params), ...unit } : null);
  }
  const last = units.findLastIndex((u) => u !== null);
  return last < 0 ? null : units.slice(0, last + 1).map((u) => u ?? defaultUnit(param.params));
}

/**
 * A script without its own `pasteInfotext`: the arguments its declared fields give, or undefined when the infotext
 * has none of them. A script any of whose fields is there gets its `enable` / `enabled` checkbox ticked unless the
 * infotext has that checkbox's own field.
 */
function declaredPaste(script: AnyScript, fields: Fields): Record<string, unknown> | undefined {
  const scalars = script.params.filter((p): p is ScalarParam => p.type !== "repeat" && p.type !== "regions");
  const [args, foundScalar] = declaredScalars(scalars, fields, "");
  const out: Record<string, unknown> = args;
  let found = foundScalar;
  for (const param of script.params) {
    if (param.type !== "repeat") continue;
    const units = declaredUnits(param, fields);
    if (units) [out[param.name], found] = [units, true];
  }
  if (!found) return undefined;
  const enable = scalars.find((p) => p.type === "bool" && (p.name === "enable" || p.name === "enabled"));
  if (enable && (enable.infotext === undefined || fields[enable.infotext] === undefined)) out[enable.name] = true;
  return out;
}

/** One script's restored arguments by name (checked), or undefined when the infotext says nothing of it; throws when the check fails. */
export function scriptPastedArgs(script: AnyScript, fields: Fields, tab: ScriptTab): Record<string, unknown> | undefined {
  const given = script.pasteInfotext ? script.pasteInfotext(fields, tab) : declaredPaste(script, fields);
  if (!given) return undefined;
  const bound = bindScriptArgs(script, given);
  return Object.fromEntries(Object.keys(given).filter((name) => name in bound).map((name) => [name, bound[name]]));
}

/** Script id → the arguments by name the infotext restores (checked); scripts it says nothing of are absent. */
export async function pastedScriptArgs(tab: ScriptTab, fields: Fields): Promise<Record<string, Record<string, unknown>>> {
  const pasted: Record<string, Record<string, unknown>> = {};
  for (const script of await scriptsForTab(tab)) {
    try {
      const args = scriptPastedArgs(script, fields, tab);
      if (args) pasted[script.id] = args;
    } catch (error) {
      // A paste the script cannot read leaves its controls as they were, as A1111 skips a field it cannot cast.
      console.warn(`${script.title}: the pasted infotext was not applied (${(error as Error).message})`);
    }
  }
  return pasted;
}
