"use client";
// Renders any script's parameters from their declarative specs (lib/scripts/script.ts): scalars
// (scalar-fields.tsx), repeated groups as tabs (repeat-field.tsx), regions on a canvas (regions-field.tsx);
// a parameter whose `visibleWhen` condition does not hold is hidden. Every control's id is
// `<idPrefix>_<param name>` (inside a unit or region: `<idPrefix>_<group>_<k>_<param>`).
import type { ParamSpec } from "@/lib/scripts/script";
import { ParamRows } from "@/app/ui/scripts/param-rows";
import { RegionsField } from "@/app/ui/scripts/regions-field";
import { RepeatField } from "@/app/ui/scripts/repeat-field";
import { labelOf, ScalarField } from "@/app/ui/scripts/scalar-fields";
import type { ParamValue, ScalarParamValue } from "@/app/ui/scripts/scripts-form";
import type { RegionCanvas } from "@/app/ui/scripts/regions-field";

interface ScriptParamsFormProps {
  idPrefix: string;
  params: readonly ParamSpec[];
  values: Record<string, ParamValue>;
  onChange: (values: Record<string, ParamValue>) => void;
  /** The tab's image size, which a regions canvas takes its aspect ratio from. */
  canvas?: RegionCanvas;
}

type Units = Array<Record<string, ScalarParamValue>>;

export function ScriptParamsForm({ idPrefix, params, values, onChange, canvas }: ScriptParamsFormProps) {
  const set = (name: string) => (value: ParamValue) => onChange({ ...values, [name]: value });
  return (
    <ParamRows
      params={params}
      values={values}
      field={(param) => {
        const id = `${idPrefix}_${param.name}`;
        if (param.type === "repeat") return <RepeatField id={id} param={param} value={values[param.name] as Units} onChange={set(param.name)} />;
        if (param.type === "regions") return <RegionsField id={id} param={param} label={labelOf(param)} value={values[param.name] as Units} onChange={set(param.name)} canvas={canvas} />;
        return <ScalarField id={id} param={param} value={values[param.name] as ScalarParamValue} onChange={set(param.name)} />;
      }}
    />
  );
}
