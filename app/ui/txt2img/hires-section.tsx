"use client";
// The "Hires. fix" accordion: its checkbox enables the second pass; inside, the upscaler (latent
// modes, then the image upscalers), hires steps, denoising, upscale by / resize to, the hires
// sampler, schedule and prompts, and A1111's "from WxH to W2xH2" label.
import type { FormSectionProps } from "@/app/ui/generation/form-section";
import { SelectField } from "@/app/ui/controls/select-field";
import { SliderField } from "@/app/ui/controls/slider-field";
import { hiresSizeLabel } from "@/app/ui/txt2img/hires-size";
import { labelHint } from "@/app/ui/controls/label-hints";

export interface HiresFields {
  enableHr: boolean;
  hrUpscaler: string;
  hrSecondPassSteps: number;
  denoisingStrength: number;
  hrScale: number;
  hrResizeX: number;
  hrResizeY: number;
  hrSamplerName: string;
  hrScheduler: string;
  hrPrompt: string;
  hrNegativePrompt: string;
}

interface HiresSectionProps extends FormSectionProps<HiresFields & { width: number; height: number }> {
  /** Latent modes first, then the image upscalers (A1111's hr_upscaler choices). */
  upscalers: readonly string[];
  samplers: readonly string[];
  schedules: readonly string[];
}

const RESIZE = { min: 0, max: 2048, step: 8 };
const area = "w-full resize-y rounded border border-zinc-700 bg-zinc-950 px-2 py-1.5 text-sm placeholder:text-zinc-600 focus:border-orange-500 focus:outline-none";

export function HiresSection({ idPrefix, form, update, upscalers, samplers, schedules }: HiresSectionProps) {
  const id = `${idPrefix}_hr`;
  return (
    <details open={form.enableHr} className="rounded border border-zinc-800">
      <summary className="flex cursor-pointer items-center gap-2 px-3 py-2 text-sm text-zinc-300">
        <input id={id} type="checkbox" checked={form.enableHr} onChange={(e) => update({ enableHr: e.target.checked })} onClick={(e) => e.stopPropagation()} className="accent-orange-500" />
        <label htmlFor={id} title={labelHint("Hires. fix")}>
          Hires. fix
        </label>
        {form.enableHr && (
          <span id={`${idPrefix}_hires_size`} className="ml-auto text-xs text-zinc-400">
            {hiresSizeLabel(form)}
          </span>
        )}
      </summary>
      <div className="flex flex-col gap-3 border-t border-zinc-800 p-3">
        <div className="grid grid-cols-3 items-end gap-3">
          <SelectField id={`${idPrefix}_hr_upscaler`} label="Upscaler" value={form.hrUpscaler} options={upscalers} onChange={(hrUpscaler) => update({ hrUpscaler })} />
          <SliderField id={`${idPrefix}_hires_steps`} label="Hires steps" min={0} max={150} step={1} value={form.hrSecondPassSteps} onChange={(hrSecondPassSteps) => update({ hrSecondPassSteps })} />
          <SliderField id={`${idPrefix}_denoising_strength`} label="Denoising strength" min={0} max={1} step={0.01} value={form.denoisingStrength} onChange={(denoisingStrength) => update({ denoisingStrength })} />
        </div>
        <div className="grid grid-cols-3 gap-3">
          <SliderField id={`${idPrefix}_hr_scale`} label="Upscale by" min={1} max={4} step={0.05} value={form.hrScale} onChange={(hrScale) => update({ hrScale })} />
          <SliderField id={`${idPrefix}_hr_resize_x`} label="Resize width to" {...RESIZE} value={form.hrResizeX} onChange={(hrResizeX) => update({ hrResizeX })} />
          <SliderField id={`${idPrefix}_hr_resize_y`} label="Resize height to" {...RESIZE} value={form.hrResizeY} onChange={(hrResizeY) => update({ hrResizeY })} />
        </div>
        <div className="grid grid-cols-2 gap-3">
          <SelectField id={`${idPrefix}_hr_sampler`} label="Hires sampling method" value={form.hrSamplerName} options={["Use same sampler", ...samplers]} onChange={(hrSamplerName) => update({ hrSamplerName })} />
          <SelectField id={`${idPrefix}_hr_scheduler`} label="Hires schedule type" value={form.hrScheduler} options={["Use same scheduler", ...schedules]} onChange={(hrScheduler) => update({ hrScheduler })} />
        </div>
        <textarea id={`${idPrefix}_hr_prompt`} rows={2} value={form.hrPrompt} onChange={(e) => update({ hrPrompt: e.target.value })} placeholder="Hires prompt (empty: the same prompt)" className={area} />
        <textarea id={`${idPrefix}_hr_neg_prompt`} rows={2} value={form.hrNegativePrompt} onChange={(e) => update({ hrNegativePrompt: e.target.value })} placeholder="Hires negative prompt (empty: the same negative prompt)" className={area} />
      </div>
    </details>
  );
}
