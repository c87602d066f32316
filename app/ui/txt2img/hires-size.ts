// The hires fix accordion's "from WxH to W2xH2" label (A1111's calc_resolution_hires). The pipeline's
// hiresTarget (lib/pipeline/hires-fix.ts) sits beside ONNX code that cannot reach the browser, so the
// upscale-to arithmetic of calculate_target_resolution is restated here; a unit test holds the two equal.

export interface HiresSizeInput {
  width: number;
  height: number;
  hrScale: number;
  hrResizeX: number;
  hrResizeY: number;
}

/** A1111's hr_upscale_to_x / hr_upscale_to_y: scale by, or resize to with the missing side (or the cover box) by aspect. */
export function hiresUpscaleTo({ width, height, hrScale, hrResizeX: rx, hrResizeY: ry }: HiresSizeInput): { width: number; height: number } {
  if (rx === 0 && ry === 0) return { width: Math.trunc(width * hrScale), height: Math.trunc(height * hrScale) };
  const byWidth = { width: rx, height: Math.floor((rx * height) / width) };
  const byHeight = { width: Math.floor((ry * width) / height), height: ry };
  if (ry === 0) return byWidth;
  if (rx === 0) return byHeight;
  // Both given: cover the box, so the side that would fall short is pinned to it.
  return width / height < rx / ry ? byWidth : byHeight;
}

/** "from 512x512 to 1024x1024": the resize box where given, else the upscale-to size, as A1111 prints it. */
export function hiresSizeLabel(p: HiresSizeInput): string {
  const to = hiresUpscaleTo(p);
  return `from ${p.width}x${p.height} to ${p.hrResizeX || to.width}x${p.hrResizeY || to.height}`;
}
