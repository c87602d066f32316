// Pasting infotext into the scripts' controls (docs/extensions.md#pasting-infotext): every parameter that names
// its infotext field takes that field's value when the field is there (cast by the control's type, as A1111's
// paste does; a value that does not fit leaves the control alone). A repeat group's unit k reads its fields with
// the ordinal suffix (" 2nd", …); the units the infotext has are rebuilt from their defaults, since scripts such
// as ADetailer leave default values out of the infotext. A script any of whose fields is pasted gets its
// enable checkbox ticked unless the infotext says otherwise.
import { isPythonFloat, pythonFloat } from "@/lib/python/float";
import type { ParamSpec, RepeatParam, ScalarParam } from "@/lib/scripts/script";
import type { ScriptDescriptor, TabScripts } from "@/lib/scripts/script-descriptors";
import { defaultUnit, ordinal, scriptValues, withScriptValues, type ParamValue, type ScalarParamValue, type ScriptsForm, type ScriptValues } from "@/app/ui/scripts/scripts-form";

type Fields = Readonly<Record<string, string>>;

/** Units beyond this are not looked for when a repeat group has no maximum. */
const MAX_PASTED_UNITS = 32;

function castField(param: ScalarParam, text: string, current: ScalarParamValue): ScalarParamValue {
  switch (param.type) {
    case "bool":
      return text === "True" ? true : text === "False" ? false : current;
    case "number":
    case "int": {
      const value = isPythonFloat(text) ? pythonFloat(text) : NaN;
      return Number.isFinite(value) ? value : current;
    }
    case "string":
      return text;
    case "choice":
      return param.choices.includes(text) || param.choicesFrom ? text : current;
    case "image":
      return current;
  }
}

const unitSuffix = (k: number) => (k === 0 ? "" : ` ${ordinal(k + 1)}`);

/** Scalar parameters with their fields; returns the new values and whether any field was found. */
function pasteScalars(params: readonly ScalarParam[], values: Record<string, ScalarParamValue>, fields: Fields, suffix: string): [Record<string, ScalarParamValue>, boolean] {
  let found = false;
  const out = { ...values };
  for (const param of params) {
    const text = param.infotext === undefined ? undefined : fields[param.infotext + suffix];
    if (text === undefined) continue;
    found = true;
    out[param.name] = castField(param, text, out[param.name] ?? null);
  }
  return [out, found];
}

/** The units the infotext names (with defaults between them); null when it names none. */
function pasteUnits(param: RepeatParam, fields: Fields): Array<Record<string, ScalarParamValue>> | null {
  const units: Array<Record<string, ScalarParamValue> | null> = [];
  for (let k = 0; k < (param.maxCount ?? MAX_PASTED_UNITS); k++) {
    const [unit, found] = pasteScalars(param.params, defaultUnit(param.params), fields, unitSuffix(k));
    units.push(found ? unit : null);
  }
  const last = units.findLastIndex((u) => u !== null);
  return last < 0 ? null : units.slice(0, last + 1).map((u) => u ?? defaultUnit(param.params));
}

function pasteScript(script: ScriptDescriptor, values: ScriptValues, fields: Fields): ScriptValues | null {
  const scalars = script.params.filter((p): p is ScalarParam => p.type !== "repeat" && p.type !== "regions");
  const [pasted, foundScalar] = pasteScalars(scalars, values as Record<string, ScalarParamValue>, fields, "");
  const out: Record<string, ParamValue> = { ...values, ...pasted };
  let found = foundScalar;
  for (const param of script.params as ParamSpec[]) {
    if (param.type !== "repeat") continue;
    const units = pasteUnits(param, fields);
    if (units) [out[param.name], found] = [units, true];
  }
  if (!found) return null;
  const enable = scalars.find((p) => p.type === "bool" && (p.name === "enable" || p.name === "enabled"));
  if (enable && (enable.infotext === undefined || fields[enable.infotext] === undefined)) out[enable.name] = true;
  return out;
}

/** The scripts' form with `fields` (parseGenerationParameters output) pasted into every script that has some. */
export function pasteScriptValues(form: ScriptsForm, scripts: TabScripts, fields: Fields): ScriptsForm {
  let next = form;
  for (const script of [...scripts.alwaysOn, ...scripts.selectable]) {
    const values = pasteScript(script, scriptValues(next, script), fields);
    if (values) next = withScriptValues(next, script.id, values);
  }
  return next;
}
