"use client";
// Sampling method, Schedule type and Sampling steps.
import type { FormSectionProps } from "@/app/ui/generation/form-section";
import { SelectField } from "@/app/ui/controls/select-field";
import { SliderField } from "@/app/ui/controls/slider-field";

export interface SamplingFields {
  samplerName: string;
  scheduler: string;
  steps: number;
}

interface SamplingSectionProps extends FormSectionProps<SamplingFields> {
  samplers: readonly string[];
  schedules: readonly string[];
}

export function SamplingSection({ idPrefix, form, update, samplers, schedules }: SamplingSectionProps) {
  return (
    <div className="flex flex-col gap-3">
      <div className="grid grid-cols-2 gap-3">
        <SelectField id={`${idPrefix}_sampling`} label="Sampling method" value={form.samplerName} options={samplers} onChange={(samplerName) => update({ samplerName })} />
        <SelectField id={`${idPrefix}_scheduler`} label="Schedule type" value={form.scheduler} options={schedules} onChange={(scheduler) => update({ scheduler })} />
      </div>
      <SliderField id={`${idPrefix}_steps`} label="Sampling steps" min={1} max={150} step={1} value={form.steps} onChange={(steps) => update({ steps })} />
    </div>
  );
}
