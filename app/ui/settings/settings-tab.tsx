"use client";
// The Settings tab: every option grouped by section; "Apply settings" sends the edited values,
// the server validates each with its schema, and the answer lists what changed and what was refused.
import { useState, useTransition } from "react";
import { applySettings } from "@/app/actions/settings";
import type { Options } from "@/lib/settings/options";
import { groupBySection, valueFromControl, type SettingField } from "@/app/ui/settings/setting-fields";

type ControlValue = string | boolean;

interface SettingsTabProps {
  fields: readonly SettingField[];
  options: Options;
  onApplied: (options: Options) => void;
}

function controlValue(field: SettingField, options: Options): ControlValue {
  const value = options[field.key];
  if (field.kind === "boolean") return Boolean(value);
  if (Array.isArray(value)) return value.join(", ");
  return String(value);
}

const controlsFor = (fields: readonly SettingField[], options: Options) =>
  Object.fromEntries(fields.map((f) => [f.key, controlValue(f, options)])) as Record<string, ControlValue>;

export function SettingsTab({ fields, options, onApplied }: SettingsTabProps) {
  const [controls, setControls] = useState(() => controlsFor(fields, options));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const apply = () =>
    startTransition(async () => {
      const edited = Object.fromEntries(
        fields
          .filter((f) => controls[f.key] !== controlValue(f, options))
          .map((f) => [f.key, valueFromControl(f, controls[f.key] ?? "")]),
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
        {summary && (
          <p id="settings_result" role="status" className="text-sm text-zinc-300">
            {summary}
          </p>
        )}
      </div>
      <div className="gap-4 lg:columns-2">
        {groupBySection(fields).map(({ section, fields }) => (
          <fieldset key={section} className="mb-4 break-inside-avoid rounded-lg border border-zinc-800 p-3">
            <legend className="px-1 text-sm font-semibold text-zinc-300">{section}</legend>
            <div className="flex flex-col gap-3">
              {fields.map((field) => (
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
  const errorText = error && (
    <p id={`${id}_error`} role="alert" className="text-xs text-red-400">
      {error}
    </p>
  );

  if (field.kind === "boolean")
    return (
      <div>
        <label className="flex items-start gap-2 text-sm text-zinc-200">
          <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} className="mt-0.5 accent-orange-500" />
          {field.label}
        </label>
        {errorText}
      </div>
    );

  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs text-zinc-400">
        {field.label}
      </label>
      {field.kind === "choice" ? (
        <select id={id} value={String(value)} onChange={(e) => onChange(e.target.value)} className={box}>
          {field.choices.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      ) : field.kind === "number" ? (
        <input
          id={id}
          type="number"
          min={field.min ?? undefined}
          max={field.max ?? undefined}
          step={field.integer ? 1 : "any"}
          value={String(value)}
          onChange={(e) => onChange(e.target.value)}
          className={`${box} w-40 tabular-nums`}
        />
      ) : (
        <input id={id} type="text" value={String(value)} onChange={(e) => onChange(e.target.value)} className={box} />
      )}
      {errorText}
    </div>
  );
}
