"use client";
// Renders any script's parameters from their declarative specs (lib/scripts/script.ts): number/int
// → slider + number box (a plain number box without a range), bool → checkbox, string → text box or
// textarea, choice → dropdown, image → upload, repeat → tabs of units with add/remove. Every control's
// id is `<idPrefix>_<param name>` (units of a repeated group: `<idPrefix>_<group>_<k>_<param>`).
import { useState } from "react";
import type { ParamSpec, RepeatParam, ScalarParam } from "@/lib/scripts/script";
import { SelectField } from "@/app/ui/controls/select-field";
import { SliderField } from "@/app/ui/controls/slider-field";
import { readImageBlob } from "@/app/ui/generation/image-source";
import { paramBlocks } from "@/app/ui/scripts/param-blocks";
import { defaultUnit, type ParamValue, type ScalarParamValue } from "@/app/ui/scripts/scripts-form";

interface ScriptParamsFormProps {
  idPrefix: string;
  params: readonly ParamSpec[];
  values: Record<string, ParamValue>;
  onChange: (values: Record<string, ParamValue>) => void;
}

const input = "rounded border border-zinc-700 bg-zinc-950 px-2 py-1 text-sm focus:border-orange-500 focus:outline-none";
const labelOf = (param: ParamSpec) => param.label ?? param.name;

export function ScriptParamsForm({ idPrefix, params, values, onChange }: ScriptParamsFormProps) {
  const set = (name: string) => (value: ParamValue) => onChange({ ...values, [name]: value });
  return (
    <div className="flex flex-col gap-3">
      {paramBlocks(params).map((block) => {
        const fields = block.params.map((param) => (
          <div key={param.name} className={param.type === "bool" ? "" : "min-w-[10rem] flex-1"}>
            {param.type === "repeat" ? (
              <RepeatField id={`${idPrefix}_${param.name}`} param={param} value={values[param.name] as Array<Record<string, ScalarParamValue>>} onChange={set(param.name)} />
            ) : (
              <ScalarField id={`${idPrefix}_${param.name}`} param={param} value={values[param.name] as ScalarParamValue} onChange={set(param.name)} />
            )}
          </div>
        ));
        const key = block.params[0].name;
        return block.title === undefined ? (
          <div key={key} className="flex flex-wrap items-end gap-3">
            {fields}
          </div>
        ) : (
          <fieldset key={key} className="flex flex-wrap items-end gap-3 rounded border border-zinc-800 px-3 pt-1 pb-3">
            <legend className="px-1 text-xs text-zinc-400">{block.title}</legend>
            {fields}
          </fieldset>
        );
      })}
    </div>
  );
}

interface FieldProps<P, V> {
  id: string;
  param: P;
  value: V;
  onChange: (value: V) => void;
}

function ScalarField({ id, param, value, onChange }: FieldProps<ScalarParam, ScalarParamValue>) {
  const label = labelOf(param);
  switch (param.type) {
    case "number":
    case "int": {
      const step = param.step ?? (param.type === "int" ? 1 : 0.01);
      if (param.min !== undefined && param.max !== undefined) {
        return <SliderField id={id} label={label} min={param.min} max={param.max} step={step} value={Number(value)} onChange={onChange} />;
      }
      return (
        <label className="flex flex-col gap-1 text-xs text-zinc-400">
          {label}
          <input
            id={id}
            type="number"
            step={step}
            min={param.min}
            max={param.max}
            value={Number(value)}
            // An int parameter is bound strictly on the server: never send 2.5 for it.
            onChange={(e) => e.target.value.trim() !== "" && onChange(param.type === "int" ? Math.round(Number(e.target.value)) : Number(e.target.value))}
            className={input}
          />
        </label>
      );
    }
    case "bool":
      return (
        <label className="flex h-8 items-center gap-1.5 text-sm text-zinc-300">
          <input id={id} type="checkbox" checked={Boolean(value)} onChange={(e) => onChange(e.target.checked)} className="accent-orange-500" />
          {label}
        </label>
      );
    case "string":
      return (
        <label className="flex flex-col gap-1 text-xs text-zinc-400">
          {label}
          {param.multiline ? (
            <textarea id={id} rows={3} value={String(value)} onChange={(e) => onChange(e.target.value)} className={`${input} resize-y`} />
          ) : (
            <input id={id} type="text" value={String(value)} onChange={(e) => onChange(e.target.value)} className={input} />
          )}
        </label>
      );
    case "choice":
      return <SelectField id={id} label={label} value={String(value)} options={param.choices} onChange={onChange} />;
    case "image":
      return <ImageField id={id} label={label} value={value as string | null} onChange={onChange} />;
  }
}

function ImageField({ id, label, value, onChange }: { id: string; label: string; value: string | null; onChange: (dataUrl: string | null) => void }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col gap-1 text-xs text-zinc-400">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="file"
        accept="image/png,image/jpeg,image/webp"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (!file) return;
          readImageBlob(file, file.name).then(
            (source) => {
              setError(null);
              onChange(source.dataUrl);
            },
            (err: Error) => setError(err.message),
          );
        }}
        className="text-sm"
      />
      {value && (
        <div className="flex items-start gap-2">
          <img src={value} alt={label} className="max-h-32 rounded border border-zinc-800" />
          <button type="button" id={`${id}_clear`} onClick={() => onChange(null)} className="rounded border border-zinc-700 px-2 py-0.5 text-zinc-300 hover:bg-zinc-800">
            Remove
          </button>
        </div>
      )}
      {error && <span role="alert" className="text-red-300">{error}</span>}
    </div>
  );
}

/** A repeated group (ADetailer's "1st / 2nd …" tabs): one unit shown at a time, units added and removed within min/maxCount. */
function RepeatField({ id, param, value: units, onChange }: FieldProps<RepeatParam, Array<Record<string, ScalarParamValue>>>) {
  const [shown, setShown] = useState(0);
  const current = Math.min(shown, units.length - 1);
  const canAdd = param.maxCount === undefined || units.length < param.maxCount;
  const canRemove = units.length > (param.minCount ?? 0);
  const add = () => {
    onChange([...units, defaultUnit(param.params)]);
    setShown(units.length);
  };
  const remove = () => {
    onChange(units.filter((_, k) => k !== current));
    setShown(Math.max(0, current - 1));
  };
  return (
    <fieldset className="flex flex-col gap-2 rounded border border-zinc-800 px-3 pt-1 pb-3">
      <legend className="px-1 text-xs text-zinc-400">{labelOf(param)}</legend>
      <div role="tablist" aria-label={labelOf(param)} className="flex flex-wrap items-center gap-1 border-b border-zinc-800">
        {units.map((_, k) => (
          <button
            key={k}
            id={`${id}_${k}_tab`}
            type="button"
            role="tab"
            aria-selected={k === current}
            onClick={() => setShown(k)}
            className={`-mb-px rounded-t border px-3 py-0.5 text-sm ${k === current ? "border-zinc-800 border-b-zinc-900 bg-zinc-900 text-orange-400" : "border-transparent text-zinc-400 hover:text-zinc-200"}`}
          >
            {k + 1}
          </button>
        ))}
        <button id={`${id}_add`} type="button" title="Add a unit" aria-label="Add a unit" disabled={!canAdd} onClick={add} className="ml-1 rounded px-2 text-zinc-300 hover:bg-zinc-800 disabled:opacity-40">
          +
        </button>
        <button id={`${id}_remove`} type="button" title="Remove this unit" aria-label="Remove this unit" disabled={!canRemove} onClick={remove} className="rounded px-2 text-zinc-300 hover:bg-zinc-800 disabled:opacity-40">
          −
        </button>
      </div>
      {units[current] && (
        <ScriptParamsForm
          key={current}
          idPrefix={`${id}_${current}`}
          params={param.params}
          values={units[current]}
          onChange={(unit) => onChange(units.map((u, k) => (k === current ? (unit as Record<string, ScalarParamValue>) : u)))}
        />
      )}
    </fieldset>
  );
}
