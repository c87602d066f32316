"use client";
// Width and Height with the swap button, and Batch count / Batch size beside them, laid out as
// in A1111.
import { ArrowUpDown } from "lucide-react";
import type { ReactNode } from "react";
import type { FormSectionProps } from "@/app/ui/generation/form-section";
import { SliderField } from "@/app/ui/controls/slider-field";
import { ToolButton } from "@/app/ui/controls/tool-button";

export interface SizeFields {
  width: number;
  height: number;
  nIter: number;
  batchSize: number;
}

const SIZE = { min: 64, max: 2048, step: 8 };

/** `scale`: img2img's "Resize by" controls, shown instead of Width and Height. */
export function SizeSection({ idPrefix, form, update, scale }: FormSectionProps<SizeFields> & { scale?: ReactNode }) {
  return (
    <div className="grid grid-cols-[1fr_auto_minmax(0,0.7fr)] items-center gap-3">
      {/* Distinct keys: the scale slider and the width slider are different fields and must not share a box's state. */}
      {scale ? (
        <div key="scale">{scale}</div>
      ) : (
        <div key="size" className="flex flex-col gap-3">
          <SliderField id={`${idPrefix}_width`} label="Width" {...SIZE} value={form.width} onChange={(width) => update({ width })} />
          <SliderField id={`${idPrefix}_height`} label="Height" {...SIZE} value={form.height} onChange={(height) => update({ height })} />
        </div>
      )}
      {scale ? <span /> : <ToolButton id={`${idPrefix}_res_switch_btn`} title="Switch width/height" icon={ArrowUpDown} onClick={() => update({ width: form.height, height: form.width })} />}
      <div className="flex flex-col gap-3">
        <SliderField id={`${idPrefix}_batch_count`} label="Batch count" min={1} max={100} step={1} value={form.nIter} onChange={(nIter) => update({ nIter })} />
        <SliderField id={`${idPrefix}_batch_size`} label="Batch size" min={1} max={8} step={1} value={form.batchSize} onChange={(batchSize) => update({ batchSize })} />
      </div>
    </div>
  );
}
