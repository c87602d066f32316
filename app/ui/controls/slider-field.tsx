"use client";
// A1111's slider: a range input and a number box kept in sync. The number box owns the element id
// (tests and labels target it); typed values are committed snapped to the slider's grid.
import { useState } from "react";
import { snapToRange, type NumericRange } from "@/app/ui/controls/snap-to-range";
import { FieldLabel } from "@/app/ui/controls/field-label";

interface SliderFieldProps extends NumericRange {
  id: string;
  label: string;
  value: number;
  onChange: (value: number) => void;
}

export function SliderField({ id, label, value, onChange, min, max, step }: SliderFieldProps) {
  const range = { min, max, step };
  // The box keeps the text being typed ("1" on the way to "150") until it is committed.
  const [text, setText] = useState(String(value));
  // A new value from outside (a paste, another control) replaces the box's text in the same render, not in an
  // effect after it: an effect leaves one painted frame showing the old text.
  const [shownValue, setShownValue] = useState(value);
  if (value !== shownValue) {
    setShownValue(value);
    setText(String(value));
  }

  const commit = (raw: string) => {
    const typed = Number(raw);
    const next = raw.trim() === "" || !Number.isFinite(typed) ? value : snapToRange(typed, range);
    setText(String(next));
    if (next !== value) onChange(next);
  };

  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-center justify-between gap-2">
        <FieldLabel htmlFor={id} label={label} />
        <input
          id={id}
          type="number"
          inputMode="decimal"
          min={min}
          max={max}
          step={step}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            const typed = Number(e.target.value);
            // Live-apply values already on the grid so spinner arrows act at once.
            if (e.target.value.trim() !== "" && snapToRange(typed, range) === typed && typed !== value) onChange(typed);
          }}
          onBlur={(e) => commit(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.ctrlKey && !e.altKey) commit(e.currentTarget.value);
          }}
          className="w-20 rounded border border-zinc-700 bg-zinc-950 px-1.5 py-0.5 text-right text-sm tabular-nums focus:border-orange-500 focus:outline-none"
        />
      </div>
      <input
        id={`${id}_range`}
        type="range"
        aria-label={label}
        min={min}
        max={max}
        step={step}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
        className="w-full accent-orange-500"
      />
    </div>
  );
}
