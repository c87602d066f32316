"use client";
// The Settings tab as A1111 lays it out: a search box and the sections listed by category on the
// left, one section (or every match of the search) on the right. Choice settings are dropdowns of
// their fixed or installed values; hints sit under their control. "Apply settings" sends the edited
// values, the server casts each, and the answer lists what changed and what was refused.
import { useMemo, useState, useTransition } from "react";
import { applySettings } from "@/app/actions/settings";
import type { Options } from "@/lib/settings/options";
import { groupBySection, matchesSearch, valueFromControl, type SectionGroup, type SettingField } from "@/app/ui/settings/setting-fields";

type ControlValue = string | boolean | string[];

interface SettingsTabProps {
  fields: readonly SettingField[];
  options: Options;
  onApplied: (options: Options) => void;
}

function controlValue(field: SettingField, options: Options): ControlValue {
  const value = options[field.key];
  if (field.kind === "boolean") return Boolean(value);
  if (field.kind === "multi") return Array.isArray(value) ? value : [];
  if (Array.isArray(value)) return value.join(", ");
  return value === null ? "" : String(value);
}

const sameControl = (a: ControlValue | undefined, b: ControlValue) => JSON.stringify(a) === JSON.stringify(b);

const controlsFor = (fields: readonly SettingField[], options: Options) =>
  Object.fromEntries(fields.map((f) => [f.key, controlValue(f, options)])) as Record<string, ControlValue>;

/** Groups of the same category, in order, for the navigation column. */
function byCategory(groups: readonly SectionGroup[]): Array<{ category: string; sections: SectionGroup[] }> {
  const out: Array<{ category: string; sections: SectionGroup[] }> = [];
  for (const g of groups) {
    const last = out.at(-1);
    if (last?.category === g.category) last.sections.push(g);
    else out.push({ category: g.category, sections: [g] });
  }
  return out;
}

export function SettingsTab({ fields, options, onApplied }: SettingsTabProps) {
  const groups = useMemo(() => groupBySection(fields), [fields]);
  const [controls, setControls] = useState(() => controlsFor(fields, options));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [section, setSection] = useState(groups.find((g) => g.id === "sd")?.id ?? groups[0]?.id);
  const [query, setQuery] = useState("");
  const [pending, startTransition] = useTransition();

  const shown = query.trim()
    ? groups.map((g) => ({ ...g, fields: g.fields.filter((f) => matchesSearch(f, g.label, query)) })).filter((g) => g.fields.length > 0)
    : groups.filter((g) => g.id === section);

  const apply = () =>
    startTransition(async () => {
      const edited = Object.fromEntries(
        fields.filter((f) => f.kind !== "html" && !sameControl(controls[f.key], controlValue(f, options))).map((f) => [f.key, valueFromControl(f, controls[f.key] ?? "")]),
      );
      try {
        const result = await applySettings(edited);
        onApplied(result.options);
        // Refused fields keep what was typed so it can be corrected.
        const fresh = controlsFor(fields, result.options);
        setControls(Object.fromEntries(Object.entries(fresh).map(([k, v]) => [k, k in result.errors ? (controls[k] ?? v) : v])));
        setErrors(result.errors);
        const refused = Object.keys(result.errors).length;
        setSummary(
          (result.changed.length > 0 ? `${result.changed.length} settings changed: ${result.changed.join(", ")}.` : "Nothing changed.") +
            (refused > 0 ? ` ${refused} refused (see below).` : ""),
        );
      } catch (e) {
        setSummary(`Could not apply settings: ${e instanceof Error ? e.message : String(e)}`);
      }
    });

  return (
    <div className="flex flex-col gap-4">
      <div className="sticky top-0 z-10 flex flex-wrap items-center gap-3 border-b border-zinc-800 bg-zinc-900 py-2">
        <button id="settings_submit" type="button" disabled={pending} onClick={apply} className="rounded bg-orange-600 px-4 py-2 font-semibold text-white hover:bg-orange-500 disabled:opacity-60">
          {pending ? "Applying…" : "Apply settings"}
        </button>
        <input
          id="settings_search"
          type="search"
          placeholder="Search settings…"
          aria-label="Search settings"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          className="w-72 rounded border border-zinc-700 bg-zinc-950 px-2 py-1.5 text-sm focus:border-orange-500 focus:outline-none"
        />
        {summary && (
          <p id="settings_result" role="status" className="text-sm text-zinc-300">
            {summary}
          </p>
        )}
      </div>
      <div className="flex gap-6">
        <nav id="settings_nav" aria-label="Settings sections" className="flex w-56 shrink-0 flex-col gap-3 text-sm">
          {byCategory(groups).map(({ category, sections }) => (
            <div key={category} className="flex flex-col">
              <p className="px-2 pb-1 text-xs font-semibold uppercase tracking-wide text-zinc-500">{category}</p>
              {sections.map((g) => {
                const active = !query.trim() && g.id === section;
                return (
                  <button
                    key={g.id}
                    id={`settings_nav_${g.id}`}
                    type="button"
                    aria-current={active ? "page" : undefined}
                    onClick={() => {
                      setQuery("");
                      setSection(g.id);
                    }}
                    className={`rounded px-2 py-1 text-left ${active ? "bg-orange-600/20 text-orange-300" : "text-zinc-300 hover:bg-zinc-800"}`}
                  >
                    {g.label}
                  </button>
                );
              })}
            </div>
          ))}
        </nav>
        <div className="flex min-w-0 flex-1 flex-col gap-4">
          {shown.length === 0 && <p className="text-sm text-zinc-400">No setting matches “{query}”.</p>}
          {shown.map((g) => (
            <fieldset key={g.id} id={`settings_section_${g.id}`} className="rounded-lg border border-zinc-800 p-3">
              <legend className="px-1 text-sm font-semibold text-zinc-300">{g.label}</legend>
              <div className="flex flex-col gap-3">
                {g.fields.map((field) => (
                  <SettingControl
                    key={field.key}
                    field={field}
                    value={controls[field.key] ?? ""}
                    error={errors[field.key]}
                    onChange={(v) => setControls((c) => ({ ...c, [field.key]: v }))}
                  />
                ))}
              </div>
            </fieldset>
          ))}
        </div>
      </div>
    </div>
  );
}

interface SettingControlProps {
  field: SettingField;
  value: ControlValue;
  error: string | undefined;
  onChange: (value: ControlValue) => void;
}

function SettingControl({ field, value, error, onChange }: SettingControlProps) {
  const id = `setting_${field.key}`;
  const box = `rounded border bg-zinc-950 px-2 py-1 text-sm focus:border-orange-500 focus:outline-none ${error ? "border-red-700" : "border-zinc-700"}`;
  const hint = field.info && (
    <p id={`${id}_info`} className="text-xs text-zinc-500">
      {field.info}
    </p>
  );
  const errorText = error && (
    <p id={`${id}_error`} role="alert" className="text-xs text-red-400">
      {error}
    </p>
  );
  const described = field.info ? `${id}_info` : undefined;

  if (field.kind === "html") return <p className="text-sm text-zinc-400">{field.text}</p>;

  if (field.kind === "boolean")
    return (
      <div>
        <label className="flex items-start gap-2 text-sm text-zinc-200" title={field.info}>
          <input id={id} type="checkbox" aria-describedby={described} checked={value === true} onChange={(e) => onChange(e.target.checked)} className="mt-0.5 accent-orange-500" />
          {field.label}
        </label>
        {hint}
        {errorText}
      </div>
    );

  if (field.kind === "multi") {
    const selected = Array.isArray(value) ? value : [];
    // Stored values no longer installed stay listed so they can be unticked.
    const choices = [...field.choices, ...selected.filter((v) => !field.choices.includes(v))];
    return (
      <fieldset id={id} aria-describedby={described} className="flex flex-col gap-1">
        <legend className="text-xs text-zinc-400">{field.label}</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {choices.length === 0 && <span className="text-xs text-zinc-500">(nothing installed)</span>}
          {choices.map((c) => (
            <label key={c} className="flex items-center gap-1 text-sm text-zinc-200">
              <input
                type="checkbox"
                value={c}
                checked={selected.includes(c)}
                onChange={(e) => onChange(e.target.checked ? [...selected, c] : selected.filter((v) => v !== c))}
                className="accent-orange-500"
              />
              {c}
            </label>
          ))}
        </div>
        {hint}
        {errorText}
      </fieldset>
    );
  }

  let control;
  if (field.kind === "choice") {
    const current = String(value);
    const choices = current === "" || field.choices.includes(current) ? field.choices : [current, ...field.choices];
    control = (
      <select id={id} aria-describedby={described} value={current} onChange={(e) => onChange(e.target.value)} className={`${box} max-w-md`}>
        {field.nullable && <option value="">(none)</option>}
        {choices.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    );
  } else if (field.kind === "number") {
    control = (
      <input
        id={id}
        type="number"
        aria-describedby={described}
        min={field.min ?? undefined}
        max={field.max ?? undefined}
        step={field.step ?? (field.integer ? 1 : "any")}
        value={String(value)}
        placeholder={field.nullable ? "(none)" : undefined}
        onChange={(e) => onChange(e.target.value)}
        className={`${box} w-40 tabular-nums`}
      />
    );
  } else if (field.kind === "text" && field.color) {
    control = (
      <div className="flex items-center gap-2">
        <input type="color" aria-label={`${field.label} (picker)`} value={/^#[0-9a-fA-F]{6}$/.test(String(value)) ? String(value) : "#000000"} onChange={(e) => onChange(e.target.value)} />
        <input id={id} type="text" aria-describedby={described} value={String(value)} onChange={(e) => onChange(e.target.value)} className={`${box} w-28 font-mono`} />
      </div>
    );
  } else {
    control = <input id={id} type="text" aria-describedby={described} value={String(value)} onChange={(e) => onChange(e.target.value)} className={`${box} max-w-xl`} />;
  }

  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs text-zinc-400" title={field.info}>
        {field.label}
      </label>
      {control}
      {hint}
      {errorText}
    </div>
  );
}
