// Tooltips for the main controls, keyed by their label text as A1111's hints are (docs/ui.md#label-hints):
// every field with one of these labels shows the hint when the pointer rests on its label.

const HINTS: Record<string, string> = {
  "Sampling method": "Which algorithm produces the image from noise",
  "Schedule type": "How the noise levels of the sampling steps are spaced; Automatic takes the sampler's own choice",
  "Sampling steps": "How many times the image is refined; more steps take longer, very few can give bad results",
  "CFG Scale": "Classifier Free Guidance scale: how strongly the image follows the prompt; lower values give more creative results",
  "Denoising strength":
    "How little of the image's content to keep: at 0 nothing changes, at 1 the result is unrelated to it. Below 1 fewer steps run than Sampling steps says",
  Seed: "The number that starts the random generator: the same parameters and seed give the same image; -1 picks a new random seed each time",
  "Variation seed": "The seed of another picture to mix into this one",
  "Variation strength": "How much of the variation seed's picture to mix in: 0 none, 1 all of it (ancestral samplers give something else)",
  "Resize seed from width": "Try to make a picture like the one the same seed gives at this width",
  "Resize seed from height": "Try to make a picture like the one the same seed gives at this height",
  "Batch count": "How many batches to make one after another (no effect on speed per image or on memory)",
  "Batch size": "How many images to make at once in one batch (faster per image, needs more memory)",
  "Hires. fix": "Make the picture at a smaller size first, upscale it, then refine its details without changing the composition",
  Extra: "Show the variation seed and the seed-resize controls",
  "Hires steps": "Sampling steps for the upscaled picture; 0 uses the same number as the first pass",
  "Upscale by": "How much larger the second pass's picture is than the first",
  Upscaler: "The upscaler that enlarges the picture before the second pass",
  "Resize mode": "What happens when the image's size differs from the size asked for",
  "Mask blur": "How much to blur the mask before using it, in pixels",
};

export function labelHint(label: string): string | undefined {
  return HINTS[label];
}
