"use client";
// The small grey label above (or beside) a field, with A1111's hint for that label as its tooltip
// (label-hints.ts): the one label the dropdowns, sliders and seed boxes share.
import { labelHint } from "@/app/ui/controls/label-hints";

interface FieldLabelProps {
  /** The id of the field the label names. */
  htmlFor: string;
  label: string;
}

export function FieldLabel({ htmlFor, label }: FieldLabelProps) {
  return (
    <label htmlFor={htmlFor} title={labelHint(label)} className="text-xs text-zinc-400">
      {label}
    </label>
  );
}
