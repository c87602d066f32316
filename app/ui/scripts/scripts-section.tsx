"use client";
// The bottom of a generation tab's parameters column, as A1111 shows scripts (docs/a1111/scripts.md#always-on-and-selectable-scripts):
// each always-on script as a collapsible accordion (a bool parameter named `enabled` or `enable` becomes
// the accordion's header checkbox, A1111 extensions' convention), then the "Script" dropdown with "None"
// and the selectable scripts, and the selected script's controls below it.
import { RotateCcw } from "lucide-react";
import type { ScriptTab } from "@/lib/scripts/script";
import type { ScriptDescriptor, TabScripts } from "@/lib/scripts/script-descriptors";
import { Icon } from "@/app/ui/controls/svg-icon";
import { SelectField } from "@/app/ui/controls/select-field";
import { scriptElementId } from "@/app/ui/scripts/script-element-id";
import { ScriptParamsForm } from "@/app/ui/scripts/script-params-form";
import { defaultParamValues, scriptValues, withScriptValues, type ScriptsForm, type ScriptValues } from "@/app/ui/scripts/scripts-form";
import { XyzPlotControls } from "@/app/ui/scripts/xyz-plot-controls";
import type { RegionCanvas } from "@/app/ui/scripts/regions-field";

interface ScriptsSectionProps {
  tab: ScriptTab;
  scripts: TabScripts;
  form: ScriptsForm;
  onChange: (form: ScriptsForm) => void;
  /** The tab's width × height (regions canvases take their aspect ratio from it). */
  canvas?: RegionCanvas;
}

const NONE = "None";
/** The names a script's on/off parameter goes by (A1111 extensions use both). */
const TOGGLES = ["enabled", "enable"];

export function ScriptsSection({ tab, scripts, form, onChange, canvas }: ScriptsSectionProps) {
  const valuesOf = (script: ScriptDescriptor) => scriptValues(form, script);
  const setValues = (script: ScriptDescriptor) => (values: ScriptValues) => onChange(withScriptValues(form, script.id, values));
  const selected = scripts.selectable.find((s) => s.id === form.selected) ?? null;

  return (
    <div className="flex flex-col gap-3">
      {scripts.alwaysOn.map((script) => (
        <AlwaysOnAccordion key={script.id} idPrefix={scriptElementId(tab, script)} script={script} values={valuesOf(script)} onChange={setValues(script)} canvas={canvas} />
      ))}
      <SelectField
        id={`${tab}_script`}
        label="Script"
        value={selected?.title ?? NONE}
        options={[NONE, ...scripts.selectable.map((s) => s.title)]}
        onChange={(title) => onChange({ ...form, selected: scripts.selectable.find((s) => s.title === title)?.id ?? null })}
      />
      {selected && (
        <div id={`${tab}_script_container`} className="flex flex-col gap-3 rounded border border-zinc-800 p-3">
          {selected.controls === "xyz-plot" ? (
            <XyzPlotControls idPrefix={scriptElementId(tab, selected)} params={selected.params} axes={scripts.xyzAxes} values={valuesOf(selected)} onChange={setValues(selected)} />
          ) : (
            <ScriptParamsForm idPrefix={scriptElementId(tab, selected)} params={selected.params} values={valuesOf(selected)} onChange={setValues(selected)} canvas={canvas} />
          )}
        </div>
      )}
    </div>
  );
}

interface AlwaysOnAccordionProps {
  idPrefix: string;
  script: ScriptDescriptor;
  values: ScriptValues;
  onChange: (values: ScriptValues) => void;
  canvas?: RegionCanvas;
}

function AlwaysOnAccordion({ idPrefix, script, values, onChange, canvas }: AlwaysOnAccordionProps) {
  const toggle = script.params.find((p) => TOGGLES.includes(p.name) && p.type === "bool");
  const rest = toggle ? script.params.filter((p) => p !== toggle) : script.params;
  const checkboxId = toggle && `${idPrefix}_${toggle.name}`;
  return (
    <details id={`${idPrefix}_accordion`} className="rounded border border-zinc-800">
      <summary className="flex cursor-pointer items-center gap-2 px-3 py-2 text-sm text-zinc-300">
        {toggle && (
          <input
            id={checkboxId}
            type="checkbox"
            aria-label={`Enable ${script.title}`}
            checked={Boolean(values[toggle.name])}
            onChange={(e) => onChange({ ...values, [toggle.name]: e.target.checked })}
            // Ticking the box must not also fold or unfold the accordion.
            onClick={(e) => e.stopPropagation()}
            className="accent-orange-500"
          />
        )}
        <span>{script.title}</span>
      </summary>
      {rest.length > 0 && (
        <div className="border-t border-zinc-800 p-3">
          <ScriptParamsForm idPrefix={idPrefix} params={rest} values={values} onChange={onChange} canvas={canvas} />
          <button
            id={`${idPrefix}_reset`}
            type="button"
            title="Restore the defaults (the on/off switch stays as it is)"
            // Tiled VAE's "Reset", for every always-on script: its parameters back to their defaults.
            onClick={() => onChange({ ...values, ...defaultParamValues(rest) })}
            className="mt-3 flex items-center gap-1 rounded border border-zinc-700 px-2 py-1 text-xs text-zinc-300 hover:bg-zinc-800"
          >
            <Icon icon={RotateCcw} title="Reset" size={12} />
            Reset
          </button>
        </div>
      )}
    </details>
  );
}
