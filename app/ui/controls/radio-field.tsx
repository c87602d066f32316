"use client";
// A labelled row of radio buttons choosing one of a few options by index (A1111's gr.Radio with
// type="index": resize mode, mask mode, masked content, inpaint area).
import { labelHint } from "@/app/ui/controls/label-hints";

interface RadioFieldProps {
  /** The group's id; each option is `${id}_${index}`. */
  id: string;
  label: string;
  options: readonly string[];
  value: number;
  onChange: (index: number) => void;
}

export function RadioField({ id, label, options, value, onChange }: RadioFieldProps) {
  return (
    <fieldset id={id} className="flex flex-col gap-1">
      <legend title={labelHint(label)} className="mb-1 text-xs text-zinc-400">{label}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {options.map((option, i) => (
          <label key={option} className="flex items-center gap-1.5 text-sm text-zinc-300">
            <input id={`${id}_${i}`} type="radio" name={id} checked={value === i} onChange={() => onChange(i)} className="accent-orange-500" />
            {option}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
