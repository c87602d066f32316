// The Extras tab's upscale controls with A1111's UI defaults (docs/a1111/generation.md#extras: the UI opens at
// "Scale by" 4, where the API defaults to 2), and the server action's request.
import type { ExtrasRequest } from "@/app/actions/extras";
import type { ImageSource } from "@/app/ui/generation/image-source";

export interface ExtrasForm {
  /** 0 = "Scale by" tab, 1 = "Scale to" tab. */
  resizeMode: 0 | 1;
  upscalingResize: number;
  maxSideLength: number;
  upscalingResizeW: number;
  upscalingResizeH: number;
  upscalingCrop: boolean;
  upscaler1: string;
  upscaler2: string;
  upscaler2Visibility: number;
}

export const DEFAULT_EXTRAS_FORM: ExtrasForm = {
  resizeMode: 0,
  upscalingResize: 4,
  maxSideLength: 0,
  upscalingResizeW: 512,
  upscalingResizeH: 512,
  upscalingCrop: true,
  upscaler1: "None",
  upscaler2: "None",
  upscaler2Visibility: 0,
};

export function toExtrasRequest(form: ExtrasForm, images: readonly ImageSource[]): ExtrasRequest {
  return { ...form, images: images.map((i) => ({ dataUrl: i.dataUrl, name: i.name })) };
}
