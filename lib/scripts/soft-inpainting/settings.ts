// Soft Inpainting's six settings (A1111's built-in extension; docs/builtin-scripts.md#soft-inpainting), as the
// script's arguments name them, with their infotext labels in A1111's order.

export interface SoftInpaintingSettings {
  /** "Schedule bias": the blend exponent's power of σ. */
  mask_blend_power: number;
  /** "Preservation strength": the blend exponent's scale. */
  mask_blend_scale: number;
  /** "Transition contrast boost": the magnitude interpolation's power. */
  inpaint_detail_preservation: number;
  /** "Mask influence": how much the mask biases the difference threshold. */
  composite_mask_influence: number;
  /** "Difference threshold": the latent difference at which the original is half blended in. */
  composite_difference_threshold: number;
  /** "Difference contrast": the sharpness of that transition. */
  composite_difference_contrast: number;
}

export const INFOTEXT_LABELS: Record<keyof SoftInpaintingSettings, string> = {
  mask_blend_power: "Soft inpainting schedule bias",
  mask_blend_scale: "Soft inpainting preservation strength",
  inpaint_detail_preservation: "Soft inpainting transition contrast boost",
  composite_mask_influence: "Soft inpainting mask influence",
  composite_difference_threshold: "Soft inpainting difference threshold",
  composite_difference_contrast: "Soft inpainting difference contrast",
};
