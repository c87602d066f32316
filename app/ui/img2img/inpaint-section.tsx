"use client";
// The Inpaint sub-tab's controls under the canvas: mask blur, mask mode, masked content, inpaint
// area and the only-masked padding (docs/a1111/generation.md#img2img-and-inpainting, UI defaults).
import type { FormSectionProps } from "@/app/ui/generation/form-section";
import { RadioField } from "@/app/ui/controls/radio-field";
import { SliderField } from "@/app/ui/controls/slider-field";
import { INPAINT_AREAS, MASK_MODES, MASKED_CONTENT, type InpaintFields, type MaskedContent } from "@/app/ui/img2img/img2img-form";

export function InpaintSection({ idPrefix, form, update }: FormSectionProps<InpaintFields>) {
  return (
    <div className="flex flex-col gap-3">
      <SliderField id={`${idPrefix}_mask_blur`} label="Mask blur" min={0} max={64} step={1} value={form.maskBlur} onChange={(maskBlur) => update({ maskBlur })} />
      <RadioField id={`${idPrefix}_mask_mode`} label="Mask mode" options={MASK_MODES} value={Number(form.inpaintingMaskInvert)} onChange={(i) => update({ inpaintingMaskInvert: i === 1 })} />
      <RadioField id={`${idPrefix}_inpainting_fill`} label="Masked content" options={MASKED_CONTENT} value={form.inpaintingFill} onChange={(i) => update({ inpaintingFill: i as MaskedContent })} />
      <div className="grid grid-cols-2 items-end gap-3">
        <RadioField id={`${idPrefix}_inpaint_full_res`} label="Inpaint area" options={INPAINT_AREAS} value={Number(form.inpaintFullRes)} onChange={(i) => update({ inpaintFullRes: i === 1 })} />
        <SliderField
          id={`${idPrefix}_inpaint_full_res_padding`}
          label="Only masked padding, pixels"
          min={0}
          max={256}
          step={4}
          value={form.inpaintFullResPadding}
          onChange={(inpaintFullResPadding) => update({ inpaintFullResPadding })}
        />
      </div>
    </div>
  );
}
