// What the Settings tab needs to draw one option, derived on the server from the settings catalog
// (lib/settings/options.ts) and the installed choices, so the form is plain serialisable data.
import { allOptionKeys, extensionSections, optionSpec, SECTIONS, type ChoiceSource, type OptionKey, type OptionSpec } from "@/lib/settings/options";

interface FieldBase {
  key: OptionKey;
  label: string;
  section: string;
  /** The section's title; extensions' sections are known only on the server, so each field carries it. */
  sectionLabel: string;
  /** A1111's hint under the control. */
  info?: string;
  /** An empty control means `null` (A1111's None). */
  nullable: boolean;
}

export type SettingField = FieldBase &
  (
    | { kind: "boolean" }
    | { kind: "number"; min: number | null; max: number | null; step: number | null; integer: boolean }
    /** One value from a list: fixed choices, or what is installed (then any stored value is kept too). */
    | { kind: "choice"; choices: string[] }
    /** Several values from a list (A1111's checkbox groups and multi-selects). */
    | { kind: "multi"; choices: string[] }
    /** A free list of names, edited as comma-separated text. */
    | { kind: "list" }
    | { kind: "text"; color: boolean }
    /** A read-only explanation. */
    | { kind: "html"; text: string }
  );

/** The installed values of the choice lists that depend on the machine (resolved by the page). */
export type InstalledChoices = Partial<Record<ChoiceSource, string[]>>;

/**
 * Options edited elsewhere, as A1111 keeps them off its Settings page: the checkpoint lives in the
 * quicksettings bar, the disabled-extensions list in the Extensions tab.
 */
const EDITED_ELSEWHERE: readonly OptionKey[] = ["sd_model_checkpoint", "disabled_extensions"];

const finiteOrNull = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? n : null);

/** A1111 files the sections of extensions that name no category under "Uncategorized". */
const EXTENSION_CATEGORY = "Uncategorized";

function sectionOf(id: string): { label: string; category: string } {
  return SECTIONS.find((s) => s.id === id) ?? { label: extensionSections().find((s) => s.id === id)?.label ?? id, category: EXTENSION_CATEGORY };
}

function field(key: OptionKey, spec: OptionSpec, installed: InstalledChoices): SettingField {
  const base: FieldBase = { key, label: spec.label, section: spec.section, sectionLabel: sectionOf(spec.section).label, nullable: spec.nullable === true, ...(spec.info ? { info: spec.info } : {}) };
  const choices = spec.choices ? [...spec.choices] : spec.choicesFrom ? (installed[spec.choicesFrom] ?? []) : null;
  switch (spec.kind) {
    case "html":
      return { ...base, kind: "html", text: String(spec.default) };
    case "bool":
      return { ...base, kind: "boolean" };
    case "int":
    case "float":
      return { ...base, kind: "number", min: finiteOrNull(spec.min), max: finiteOrNull(spec.max), step: finiteOrNull(spec.step), integer: spec.kind === "int" };
    case "list":
      return choices ? { ...base, kind: "multi", choices } : { ...base, kind: "list" };
    default:
      return choices ? { ...base, kind: "choice", choices } : { ...base, kind: "text", color: spec.color === true };
  }
}

/** One field per option shown on the Settings page (the hidden section left out), in catalog order, extensions' last. */
export function settingFields(installed: InstalledChoices = {}): SettingField[] {
  return allOptionKeys()
    .filter((key) => !EDITED_ELSEWHERE.includes(key) && optionSpec(key).section !== "hidden")
    .map((key) => field(key, optionSpec(key), installed));
}

export interface SectionGroup {
  id: string;
  label: string;
  category: string;
  fields: SettingField[];
}

/** The sections that have fields, in A1111's order and then the extensions' in load order, each with its fields. */
export function groupBySection(fields: readonly SettingField[]): SectionGroup[] {
  const builtIn = SECTIONS.map((s) => ({ id: s.id as string, label: s.label, category: s.category as string }));
  const known = new Set(builtIn.map((s) => s.id));
  const extension = [...new Map(fields.filter((f) => !known.has(f.section)).map((f) => [f.section, { id: f.section, label: f.sectionLabel, category: EXTENSION_CATEGORY }])).values()];
  return [...builtIn, ...extension].map((s) => ({ ...s, fields: fields.filter((f) => f.section === s.id) })).filter((g) => g.fields.length > 0);
}

/** A1111's settings search: every word of the query in the label, key, hint or section name (case-insensitive). */
export function matchesSearch(field: SettingField, sectionLabel: string, query: string): boolean {
  const haystack = [field.label, field.key, field.info ?? "", sectionLabel, field.kind === "html" ? field.text : ""].join(" ").toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/**
 * The value a form control holds, typed for its option. Number boxes hand over their text; text
 * that is not a number is passed on as-is so the server's caster names the problem.
 */
export function valueFromControl(field: SettingField, control: string | boolean | string[]): unknown {
  if (field.nullable && control === "") return null;
  switch (field.kind) {
    case "boolean":
      return Boolean(control);
    case "number": {
      const text = String(control).trim();
      return text !== "" && Number.isFinite(Number(text)) ? Number(text) : text;
    }
    case "multi":
      return Array.isArray(control) ? control : [];
    case "list":
      return String(control).split(",").map((s) => s.trim()).filter(Boolean);
    default:
      return String(control);
  }
}
