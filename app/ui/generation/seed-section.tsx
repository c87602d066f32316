"use client";
// Seed, and behind the "Extra" checkbox the variation seed, its strength and "resize seed from".
import type { FormSectionProps } from "@/app/ui/generation/form-section";
import type { ReusableSeeds } from "@/app/ui/generation/reusable-seeds";
import { SeedField } from "@/app/ui/controls/seed-field";
import { SliderField } from "@/app/ui/controls/slider-field";
import { labelHint } from "@/app/ui/controls/label-hints";

export interface SeedFields {
  seed: number;
  extra: boolean;
  subseed: number;
  subseedStrength: number;
  seedResizeFromW: number;
  seedResizeFromH: number;
}

interface SeedSectionProps extends FormSectionProps<SeedFields> {
  /** Seeds of the selected result image, for the reuse buttons. */
  reusable: ReusableSeeds;
}

const RESIZE = { min: 0, max: 2048, step: 8 };

export function SeedSection({ idPrefix, form, update, reusable }: SeedSectionProps) {
  return (
    <div className="flex flex-col gap-3">
      <div className="flex items-end gap-3">
        <SeedField idPrefix={idPrefix} name="seed" label="Seed" value={form.seed} onChange={(seed) => update({ seed })} reusable={reusable.seed} />
        <label title={labelHint("Extra")} className="flex h-8 items-center gap-1.5 text-sm text-zinc-300">
          <input id={`${idPrefix}_subseed_show`} type="checkbox" checked={form.extra} onChange={(e) => update({ extra: e.target.checked })} className="accent-orange-500" />
          Extra
        </label>
      </div>
      {form.extra && (
        <div className="flex flex-col gap-3 rounded border border-zinc-800 p-3">
          <div className="grid grid-cols-2 items-end gap-3">
            <SeedField idPrefix={idPrefix} name="subseed" label="Variation seed" value={form.subseed} onChange={(subseed) => update({ subseed })} reusable={reusable.subseed} />
            <SliderField id={`${idPrefix}_subseed_strength`} label="Variation strength" min={0} max={1} step={0.01} value={form.subseedStrength} onChange={(subseedStrength) => update({ subseedStrength })} />
          </div>
          <div className="grid grid-cols-2 gap-3">
            <SliderField id={`${idPrefix}_seed_resize_from_w`} label="Resize seed from width" {...RESIZE} value={form.seedResizeFromW} onChange={(seedResizeFromW) => update({ seedResizeFromW })} />
            <SliderField id={`${idPrefix}_seed_resize_from_h`} label="Resize seed from height" {...RESIZE} value={form.seedResizeFromH} onChange={(seedResizeFromH) => update({ seedResizeFromH })} />
          </div>
        </div>
      )}
    </div>
  );
}
