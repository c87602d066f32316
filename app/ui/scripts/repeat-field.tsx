"use client";
// A repeated group (ADetailer's tabs): its units as tabs "1st", "2nd", …, one shown at a time, units added
// and removed within min/maxCount. Ids: `<id>_<k>_tab`, `<id>_add`, `<id>_remove`, fields `<id>_<k>_<field>`.
import { useState } from "react";
import { Minus, Plus } from "lucide-react";
import type { RepeatParam } from "@/lib/scripts/script";
import { Icon } from "@/app/ui/controls/svg-icon";
import { TabList } from "@/app/ui/controls/tab-list";
import { ParamGroup } from "@/app/ui/scripts/param-group";
import { labelOf, ScalarParamsForm } from "@/app/ui/scripts/scalar-fields";
import { belowMaxCount, type ScalarParamValue } from "@/app/ui/scripts/scripts-form";
import { defaultUnit, ordinal } from "@/lib/scripts/repeat-units";

type Unit = Record<string, ScalarParamValue>;

interface RepeatFieldProps {
  id: string;
  param: RepeatParam;
  value: Unit[];
  onChange: (units: Unit[]) => void;
}

export function RepeatField({ id, param, value: units, onChange }: RepeatFieldProps) {
  const [shown, setShown] = useState(0);
  const current = Math.min(shown, units.length - 1);
  const canAdd = belowMaxCount(param, units.length);
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
    <ParamGroup id={id} title={labelOf(param)}>
      <div className="flex items-center gap-1">
        <TabList label={labelOf(param)} tabs={units.map((_, k) => ({ value: k, label: ordinal(k + 1), id: `${id}_${k}_tab` }))} value={current} onChange={setShown} className="flex-1" />
        <button id={`${id}_add`} type="button" title="Add a unit" aria-label="Add a unit" disabled={!canAdd} onClick={add} className="ml-1 rounded px-2 text-zinc-300 hover:bg-zinc-800 disabled:opacity-40">
          <Icon icon={Plus} title="Add a unit" size={14} />
        </button>
        <button id={`${id}_remove`} type="button" title="Remove this unit" aria-label="Remove this unit" disabled={!canRemove} onClick={remove} className="rounded px-2 text-zinc-300 hover:bg-zinc-800 disabled:opacity-40">
          <Icon icon={Minus} title="Remove this unit" size={14} />
        </button>
      </div>
      {units[current] && (
        <div role="tabpanel" id={`${id}_${current}`}>
          <ScalarParamsForm key={current} idPrefix={`${id}_${current}`} params={param.params} values={units[current]} onChange={(unit) => onChange(units.map((u, k) => (k === current ? unit : u)))} />
        </div>
      )}
    </ParamGroup>
  );
}
