"use client";
// A1111's "Override settings" box: one removable chip per setting a pasted infotext overrides for
// this tab's jobs ("Clip skip: 2"). Nothing is shown when there are none.
import { X } from "lucide-react";
import type { Options, OptionKey } from "@/lib/settings/options";
import { Icon } from "@/app/ui/controls/svg-icon";
import { overrideLabel } from "@/app/ui/txt2img/apply-infotext";

interface OverrideChipsProps {
  id: string;
  overrides: Partial<Options>;
  onChange: (overrides: Partial<Options>) => void;
}

export function OverrideChips({ id, overrides, onChange }: OverrideChipsProps) {
  const entries = Object.entries(overrides) as Array<[OptionKey, unknown]>;
  if (entries.length === 0) return null;
  const remove = (key: OptionKey) => onChange(Object.fromEntries(entries.filter(([k]) => k !== key)) as Partial<Options>);
  return (
    <ul id={id} aria-label="Override settings" className="flex flex-wrap gap-1">
      {entries.map(([key, value]) => (
        <li key={key} data-setting={key} className="flex items-center gap-1 rounded-full border border-orange-800 bg-orange-950/60 py-0.5 pl-2 pr-1 text-xs text-orange-200">
          <span>{overrideLabel(key, value)}</span>
          <button type="button" aria-label={`Remove override ${overrideLabel(key, value)}`} onClick={() => remove(key)} className="rounded-full px-1 hover:bg-orange-900">
            <Icon icon={X} title={`Remove override ${overrideLabel(key, value)}`} size={12} />
          </button>
        </li>
      ))}
    </ul>
  );
}
