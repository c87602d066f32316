"use client";
// The titled box script parameters are grouped in: a group's row (param-rows.tsx), a repeated group's units
// (repeat-field.tsx), a regions editor (regions-field.tsx) — A1111 scripts' gr.Group / gr.Row with a label.
import type { ReactNode } from "react";

interface ParamGroupProps {
  id?: string;
  title: string;
  /** Its fields side by side, wrapping (a group's row), instead of one under the other. */
  row?: boolean;
  children: ReactNode;
}

export function ParamGroup({ id, title, row = false, children }: ParamGroupProps) {
  return (
    <fieldset id={id} className={`${row ? "flex flex-wrap items-end gap-3" : "flex flex-col gap-2"} rounded border border-zinc-800 px-3 pt-1 pb-3`}>
      <legend className="px-1 text-xs text-zinc-400">{title}</legend>
      {children}
    </fieldset>
  );
}
