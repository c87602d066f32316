"use client";
// The X/Y/Z plot's controls as A1111 lays them out (docs/a1111/xyz-plot.md#controls): per axis a type dropdown
// with the tab's axis labels and a values text box; axes with fixed choices (Sampler, Schedule type,
// Checkpoint name, RNG source …) add a multi-select and a fill button filling in every choice; then
// the Swap buttons, and the checkboxes and margin slider through the generic form.
import { BookOpen } from "lucide-react";
import type { ParamSpec } from "@/lib/scripts/script";
import type { XyzAxisDescriptor } from "@/lib/scripts/script-descriptors";
import { SelectField } from "@/app/ui/controls/select-field";
import { ToolButton } from "@/app/ui/controls/tool-button";
import { ScriptParamsForm } from "@/app/ui/scripts/script-params-form";
import type { ScriptValues } from "@/app/ui/scripts/scripts-form";
import { chosenValues, joinAxisValues, swapAxes, XYZ_AXES, XYZ_AXIS_PARAMS, type XyzAxisName } from "@/app/ui/scripts/xyz-axis-fields";

interface XyzPlotControlsProps {
  idPrefix: string;
  params: readonly ParamSpec[];
  axes: readonly XyzAxisDescriptor[];
  values: ScriptValues;
  onChange: (values: ScriptValues) => void;
}

const SWAPS: ReadonlyArray<[XyzAxisName, XyzAxisName]> = [
  ["x", "y"],
  ["y", "z"],
  ["x", "z"],
];
const upper = (a: XyzAxisName) => a.toUpperCase();

export function XyzPlotControls({ idPrefix, params, axes, values, onChange }: XyzPlotControlsProps) {
  const labels = axes.map((a) => a.label);
  const set = (patch: ScriptValues) => onChange({ ...values, ...patch });

  const axisRow = (a: XyzAxisName) => {
    const type = String(values[`${a}_type`]);
    const text = String(values[`${a}_values`]);
    const choices = axes.find((axis) => axis.label === type)?.choices ?? null;
    const id = `${idPrefix}_${a}`;
    return (
      <div key={a} className="flex flex-col gap-1.5">
        <div className="grid grid-cols-[10rem_minmax(0,1fr)] items-end gap-2">
          <SelectField id={`${id}_type`} label={`${upper(a)} type`} value={type} options={labels} onChange={(t) => set({ [`${a}_type`]: t })} />
          <label className="flex min-w-0 flex-col gap-1 text-xs text-zinc-400">
            {`${upper(a)} values`}
            <input
              id={`${id}_values`}
              type="text"
              value={text}
              disabled={type === "Nothing"}
              onChange={(e) => set({ [`${a}_values`]: e.target.value })}
              className="rounded border border-zinc-700 bg-zinc-950 px-2 py-1 text-sm focus:border-orange-500 focus:outline-none disabled:opacity-50"
            />
          </label>
        </div>
        {choices && (
          <div className="flex items-start gap-2 pl-[10.5rem]">
            <select
              id={`${id}_values_dropdown`}
              multiple
              aria-label={`${upper(a)} values (choose)`}
              size={Math.min(6, choices.length)}
              value={chosenValues(text, choices)}
              // The selection replaces the text (in choice order); typed items that are not choices drop out.
              onChange={(e) => set({ [`${a}_values`]: joinAxisValues([...e.target.selectedOptions].map((o) => o.value)) })}
              className="min-w-0 flex-1 rounded border border-zinc-700 bg-zinc-950 px-1 py-1 text-sm focus:border-orange-500 focus:outline-none"
            >
              {choices.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
            <ToolButton id={`${id}_fill`} title="Fill all values" icon={BookOpen} onClick={() => set({ [`${a}_values`]: joinAxisValues(choices) })} />
          </div>
        )}
      </div>
    );
  };

  return (
    <div className="flex flex-col gap-3">
      {XYZ_AXES.map(axisRow)}
      <div className="flex flex-wrap gap-2">
        {SWAPS.map(([a, b]) => (
          <button
            key={`${a}${b}`}
            id={`${idPrefix}_swap_${a}${b}`}
            type="button"
            onClick={() => onChange(swapAxes(values, a, b))}
            className="rounded border border-zinc-700 bg-zinc-800 px-3 py-1 text-sm text-zinc-200 hover:bg-zinc-700"
          >
            {`Swap ${upper(a)}/${upper(b)} axes`}
          </button>
        ))}
      </div>
      <ScriptParamsForm idPrefix={idPrefix} params={params.filter((p) => !XYZ_AXIS_PARAMS.has(p.name))} values={values} onChange={onChange} />
    </div>
  );
}
