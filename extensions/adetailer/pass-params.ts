// One inpaint pass of ADetailer (docs/adetailer.md#inpaint-passes): the child job's prompts, seed, denoising
// strength and processing size for mask j of a tab on image i.
import { matchInpaintSize, type InpaintSizeMode } from "./inpaint-size";
import { isSkip, promptForMask, splitPrompt } from "./prompts";
import type { Tab } from "./tab-fields";

export interface PassContext {
  /** Image i's prompt, negative prompt, seed and variation seed (the job's lists, wrapped). */
  prompt: string;
  negativePrompt: string;
  seed: number;
  subseed: number;
  /** The main job's processing size (the first pass's, stashed before Skip img2img shrank it). */
  width: number;
  height: number;
  imageWidth: number;
  imageHeight: number;
  /** Settings: same seed for every mask, dynamic denoise power, inpaint size matching (Strict only applies to SDXL). */
  sameSeed: boolean;
  denoisePower: number;
  matchSize: InpaintSizeMode;
}

export interface PassParams {
  prompt: string;
  negativePrompt: string;
  seed: number;
  subseed: number;
  denoisingStrength: number;
  width: number;
  height: number;
}

/** ADetailer's dynamic denoise: strength · (1 − box area / image area)^power; power 0 keeps the strength. */
export function dynamicDenoise(strength: number, box: readonly number[] | undefined, imageWidth: number, imageHeight: number, power: number): number {
  if (power === 0 || !box) return strength;
  const share = ((box[2] - box[0]) * (box[3] - box[1])) / (imageWidth * imageHeight);
  return strength * (1 - share) ** power;
}

/** The parameters of mask j's pass; null when its prompt part is [SKIP]. `box` is the box at index j (ADetailer's indexing). */
export function passParams(tab: Tab, j: number, box: readonly [number, number, number, number] | undefined, c: PassContext): PassParams | null {
  const prompt = promptForMask(splitPrompt(String(tab.ad_prompt ?? ""), c.prompt), j);
  if (isSkip(prompt)) return null;
  const negativePrompt = promptForMask(splitPrompt(String(tab.ad_negative_prompt ?? ""), c.negativePrompt), j);
  const offset = c.sameSeed ? 0 : j;
  let [width, height] = tab.ad_use_inpaint_width_height ? [Number(tab.ad_inpaint_width), Number(tab.ad_inpaint_height)] : [c.width, c.height];
  if (!tab.ad_use_inpaint_width_height && box) [width, height] = matchInpaintSize(width, height, box, c.matchSize);
  return {
    prompt,
    negativePrompt,
    seed: c.seed + offset,
    subseed: c.subseed + offset,
    denoisingStrength: dynamicDenoise(Number(tab.ad_denoising_strength), box, c.imageWidth, c.imageHeight, c.denoisePower),
    width,
    height,
  };
}
