// What the Settings tab needs to draw one option, derived on the server from the option's zod
// schema and default (lib/settings/options.ts) so the form is plain serialisable data.
import { z } from "zod";
import { OPTIONS, type OptionKey } from "@/lib/settings/options";

interface FieldBase {
  key: OptionKey;
  label: string;
  section: string;
}

export type SettingField = FieldBase &
  (
    | { kind: "boolean" }
    | { kind: "number"; min: number | null; max: number | null; integer: boolean }
    | { kind: "choice"; choices: string[] }
    | { kind: "text" }
    /** A list of names, edited as comma-separated text. */
    | { kind: "list" }
  );

const finiteOrNull = (n: number | null | undefined) => (n != null && Number.isFinite(n) && Math.abs(n) < Number.MAX_SAFE_INTEGER ? n : null);

/**
 * Options edited elsewhere, as A1111 keeps them off its Settings page: the checkpoint lives in the
 * quicksettings bar, the disabled-extensions list in the Extensions tab.
 */
const EDITED_ELSEWHERE: readonly OptionKey[] = ["sd_model_checkpoint", "disabled_extensions"];

/** One field per option shown on the Settings page, in declaration order. */
export function settingFields(): SettingField[] {
  const keys = (Object.keys(OPTIONS) as OptionKey[]).filter((key) => !EDITED_ELSEWHERE.includes(key));
  return keys.map((key): SettingField => {
    const spec = OPTIONS[key];
    const base = { key, label: spec.label, section: spec.section };
    if ("choices" in spec && spec.choices) return { ...base, kind: "choice", choices: [...spec.choices] };
    if (typeof spec.default === "boolean") return { ...base, kind: "boolean" };
    if (Array.isArray(spec.default)) return { ...base, kind: "list" };
    if (spec.schema instanceof z.ZodNumber) {
      const n = spec.schema;
      return { ...base, kind: "number", min: finiteOrNull(n.minValue), max: finiteOrNull(n.maxValue), integer: n.isInt };
    }
    return { ...base, kind: "text" };
  });
}

/** Sections in first-appearance order, each with its fields. */
export function groupBySection(fields: readonly SettingField[]): Array<{ section: string; fields: SettingField[] }> {
  const groups = new Map<string, SettingField[]>();
  for (const f of fields) groups.set(f.section, [...(groups.get(f.section) ?? []), f]);
  return [...groups].map(([section, fields]) => ({ section, fields }));
}

/**
 * The value a form control holds, typed for its option. Number boxes hand over their text; text
 * that is not a number is passed on as-is so the server's validation names the problem.
 */
export function valueFromControl(field: SettingField, control: string | boolean): unknown {
  switch (field.kind) {
    case "boolean":
      return Boolean(control);
    case "number": {
      const text = String(control).trim();
      return text !== "" && Number.isFinite(Number(text)) ? Number(text) : text;
    }
    case "list":
      return String(control).split(",").map((s) => s.trim()).filter(Boolean);
    default:
      return String(control);
  }
}
