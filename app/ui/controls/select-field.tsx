"use client";
// A labelled dropdown over a list of names.
import { FieldLabel } from "@/app/ui/controls/field-label";

interface SelectFieldProps {
  id: string;
  label: string;
  value: string;
  options: readonly string[];
  onChange: (value: string) => void;
  disabled?: boolean;
}

export function SelectField({ id, label, value, options, onChange, disabled }: SelectFieldProps) {
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <FieldLabel htmlFor={id} label={label} />
      <select
        id={id}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        className="rounded border border-zinc-700 bg-zinc-950 px-2 py-1 text-sm focus:border-orange-500 focus:outline-none disabled:opacity-50"
      >
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </div>
  );
}
