// The hires fix accordion's "from WxH to W2xH2" label (A1111's calc_resolution_hires), from the
// pipeline's own target arithmetic (client-safe: lib/pipeline/hires-target.ts has no model code).
import { hiresTarget, type HiresSize } from "@/lib/pipeline/hires-target";

/** "from 512x512 to 1024x1024": the resize box where given, else the upscale-to size, as A1111 prints it. */
export function hiresSizeLabel(p: HiresSize): string {
  const to = hiresTarget(p);
  return `from ${p.width}x${p.height} to ${p.hrResizeX || to.upscaleWidth}x${p.hrResizeY || to.upscaleHeight}`;
}
