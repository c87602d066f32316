// img2img's Batch sub-tab (A1111's img2img batch): every image of a server folder is one img2img job
// with the tab's controls, an optional mask folder pairs a mask with each image, and "PNG info" takes
// chosen parameters from each input's own infotext (docs/ui.md#img2img-batch).
/** The infotext fields "PNG info" may take from an input, A1111's choices. */
export const PNG_INFO_FIELDS = ["Prompt", "Negative prompt", "Seed", "CFG scale", "Sampler", "Steps"] as const;
export type PngInfoField = (typeof PNG_INFO_FIELDS)[number];

interface FolderImage {
  data: Uint8Array;
  name: string;
}

export interface BatchItem {
  name: string;
  image: Uint8Array;
  mask: Uint8Array | null;
}

/**
 * Each input with its mask: a mask folder holding a single image masks every input; otherwise the mask
 * is the one with the input's file name whatever its extension, and an input without one is skipped.
 */
export function pairMasks(images: readonly FolderImage[], masks: readonly FolderImage[] | null): BatchItem[] {
  if (masks === null) return images.map((i) => ({ name: i.name, image: i.data, mask: null }));
  // No node:path here: the Batch sub-tab's form reads PNG_INFO_FIELDS from this module in the browser.
  const stem = (name: string) => name.replace(/\.[^.]*$/, "");
  return images.flatMap((i) => {
    const mask = masks.length === 1 ? masks[0] : masks.find((m) => stem(m.name) === stem(i.name));
    return mask ? [{ name: i.name, image: i.data, mask: mask.data }] : [];
  });
}

const appended = (own: string, taken: string) => (own === "" ? taken : `${own} ${taken}`);

interface PngInfoTarget {
  prompt: string;
  negativePrompt: string;
  seed: number;
  cfgScale: number;
  samplerName: string;
  steps: number;
}

/**
 * The tab's parameters with the chosen fields of an input's parsed infotext: its prompt and negative
 * prompt are appended after the tab's (a space between), seed, CFG scale, sampler and steps replace the
 * tab's. A field the infotext lacks, or a number that does not read as one, keeps the tab's value.
 */
export function withPngInfo<P extends PngInfoTarget>(params: P, infotext: Readonly<Record<string, string>>, fields: readonly string[]): P {
  const has = (field: PngInfoField) => fields.includes(field) && infotext[field] !== undefined && infotext[field] !== "";
  const number = (field: PngInfoField, current: number, parse: (s: string) => number) => {
    if (!has(field)) return current;
    const value = parse(infotext[field]);
    return Number.isFinite(value) ? value : current;
  };
  return {
    ...params,
    prompt: has("Prompt") ? appended(params.prompt, infotext.Prompt) : params.prompt,
    negativePrompt: has("Negative prompt") ? appended(params.negativePrompt, infotext["Negative prompt"]) : params.negativePrompt,
    seed: number("Seed", params.seed, (s) => Number.parseInt(s, 10)),
    cfgScale: number("CFG scale", params.cfgScale, Number.parseFloat),
    samplerName: has("Sampler") ? infotext.Sampler : params.samplerName,
    steps: number("Steps", params.steps, (s) => Number.parseInt(s, 10)),
  };
}
