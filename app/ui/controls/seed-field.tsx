"use client";
// A seed box with the dice (random, −1) and recycle (reuse the selected image's seed) beside it.
import { useEffect, useState } from "react";
import { Dices, Recycle } from "lucide-react";
import { ToolButton } from "@/app/ui/controls/tool-button";
import { FieldLabel } from "@/app/ui/controls/field-label";

interface SeedFieldProps {
  /** Ids follow A1111: `${idPrefix}_${name}`, `${idPrefix}_random_${name}`, `${idPrefix}_reuse_${name}`. */
  idPrefix: string;
  name: string;
  label: string;
  value: number;
  onChange: (value: number) => void;
  /** The seed the reuse button would set; null disables the button (no image yet, or no such seed in its infotext). */
  reusable: number | null;
}

export function SeedField({ idPrefix, name, label, value, onChange, reusable }: SeedFieldProps) {
  const id = `${idPrefix}_${name}`;
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);

  // A1111 treats anything that is not an integer as "random" (−1).
  const commit = (raw: string) => {
    const typed = Number(raw);
    const next = raw.trim() !== "" && Number.isSafeInteger(typed) ? typed : -1;
    setText(String(next));
    if (next !== value) onChange(next);
  };

  return (
    <div className="flex min-w-0 flex-1 flex-col gap-1">
      <FieldLabel htmlFor={id} label={label} />
      <div className="flex gap-1">
        <input
          id={id}
          type="number"
          step={1}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            const typed = Number(e.target.value);
            if (e.target.value.trim() !== "" && Number.isSafeInteger(typed) && typed !== value) onChange(typed);
          }}
          onBlur={(e) => commit(e.target.value)}
          className="min-w-0 flex-1 rounded border border-zinc-700 bg-zinc-950 px-2 py-1 text-sm tabular-nums focus:border-orange-500 focus:outline-none"
        />
        <ToolButton id={`${idPrefix}_random_${name}`} title="Set seed to -1, which will cause a new random number to be used every time" icon={Dices} onClick={() => onChange(-1)} />
        <ToolButton
          id={`${idPrefix}_reuse_${name}`}
          title="Reuse seed from last generation, mostly useful if it was randomized"
          icon={Recycle}
          disabled={reusable === null}
          onClick={() => reusable !== null && onChange(reusable)}
        />
      </div>
    </div>
  );
}
