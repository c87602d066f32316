"use client";
// The controls of scalar parameters (lib/scripts/script.ts): number/int → slider + number box (a plain number
// box without a range), bool → checkbox, string → text box or textarea, choice → dropdown, image → drop zone
// with a preview. `ScalarParamsForm` lays out a list of them (a repeated unit's or a region's fields).
import { useState } from "react";
import type { ScalarParam } from "@/lib/scripts/script";
import { ImageDropZone } from "@/app/ui/controls/image-drop-zone";
import { SelectField } from "@/app/ui/controls/select-field";
import { SliderField } from "@/app/ui/controls/slider-field";
import { TextButton } from "@/app/ui/controls/text-button";
import { readImageBlob } from "@/app/ui/generation/image-source";
import { ParamRows } from "@/app/ui/scripts/param-rows";
import type { ScalarParamValue } from "@/app/ui/scripts/scripts-form";

export const inputClass = "rounded border border-zinc-700 bg-zinc-950 px-2 py-1 text-sm focus:border-orange-500 focus:outline-none";
export const labelOf = (param: { name: string; label?: string }) => param.label ?? param.name;

interface ScalarFieldProps {
  id: string;
  param: ScalarParam;
  value: ScalarParamValue;
  onChange: (value: ScalarParamValue) => void;
}

export function ScalarField({ id, param, value, onChange }: ScalarFieldProps) {
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
            className={inputClass}
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
            <textarea id={id} rows={3} value={String(value)} onChange={(e) => onChange(e.target.value)} className={`${inputClass} resize-y`} />
          ) : (
            <input id={id} type="text" value={String(value)} onChange={(e) => onChange(e.target.value)} className={inputClass} />
          )}
        </label>
      );
    case "choice":
      return <SelectField id={id} label={label} value={String(value)} options={param.choices} onChange={onChange} />;
    case "image":
      return <ImageField id={id} label={label} value={value as string | null} onChange={onChange} />;
  }
}

/** An image parameter: a drop zone (click to pick, or drop a file) showing the chosen picture, with Remove. */
function ImageField({ id, label, value, onChange }: { id: string; label: string; value: string | null; onChange: (dataUrl: string | null) => void }) {
  const [error, setError] = useState<string | null>(null);
  const take = (file: File) =>
    readImageBlob(file, file.name).then(
      (source) => {
        setError(null);
        onChange(source.dataUrl);
      },
      (err: Error) => setError(err.message),
    );
  return (
    <div className="flex flex-col gap-1 text-xs text-zinc-400">
      <span>{label}</span>
      <ImageDropZone id={id} accept="image/png,image/jpeg,image/webp" onFile={(file) => void take(file)}>
        {value ? <img src={value} alt={label} className="max-h-48 rounded" /> : <span>Drop an image here or click to upload</span>}
      </ImageDropZone>
      {value && (
        <TextButton id={`${id}_clear`} onClick={() => onChange(null)} className="self-start">
          Remove
        </TextButton>
      )}
      {error && (
        <span role="alert" className="text-red-300">
          {error}
        </span>
      )}
    </div>
  );
}

interface ScalarParamsFormProps {
  idPrefix: string;
  params: readonly ScalarParam[];
  values: Record<string, ScalarParamValue>;
  onChange: (values: Record<string, ScalarParamValue>) => void;
}

/** A list of scalar parameters; every control's id is `<idPrefix>_<param name>`. */
export function ScalarParamsForm({ idPrefix, params, values, onChange }: ScalarParamsFormProps) {
  return (
    <ParamRows
      params={params}
      values={values}
      field={(param) => <ScalarField id={`${idPrefix}_${param.name}`} param={param} value={values[param.name]} onChange={(v) => onChange({ ...values, [param.name]: v })} />}
    />
  );
}
