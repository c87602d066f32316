// Hires fix's target size (A1111's calculate_target_resolution, docs/a1111/generation.md#hires-fix): pure
// arithmetic with no model code, so the txt2img tab's "from WxH to W2xH2" label uses it too.

export interface HiresTarget {
  /** The size the first pass is upscaled to (A1111's hr_upscale_to_x/y; not rounded to 8). */
  upscaleWidth: number;
  upscaleHeight: number;
  /** Latent pixels cropped in total along each axis ("resize to" with both sides). */
  truncateX: number;
  truncateY: number;
  /** The final image size: the cropped latent × 8. */
  width: number;
  height: number;
}

export interface HiresSize {
  width: number;
  height: number;
  hrScale: number;
  hrResizeX: number;
  hrResizeY: number;
}

/** A1111's calculate_target_resolution. */
export function hiresTarget(p: HiresSize): HiresTarget {
  const { width, height, hrResizeX: rx, hrResizeY: ry } = p;
  let upscaleWidth: number;
  let upscaleHeight: number;
  let truncateX = 0;
  let truncateY = 0;
  if (rx === 0 && ry === 0) {
    upscaleWidth = Math.trunc(width * p.hrScale);
    upscaleHeight = Math.trunc(height * p.hrScale);
  } else if (ry === 0) {
    upscaleWidth = rx;
    upscaleHeight = Math.floor((rx * height) / width);
  } else if (rx === 0) {
    upscaleWidth = Math.floor((ry * width) / height);
    upscaleHeight = ry;
  } else {
    // Cover the box keeping the aspect ratio, then crop the overflow in latent pixels.
    if (width / height < rx / ry) {
      upscaleWidth = rx;
      upscaleHeight = Math.floor((rx * height) / width);
    } else {
      upscaleWidth = Math.floor((ry * width) / height);
      upscaleHeight = ry;
    }
    truncateX = Math.floor((upscaleWidth - rx) / 8);
    truncateY = Math.floor((upscaleHeight - ry) / 8);
  }
  const latentW = Math.floor(upscaleWidth / 8) - truncateX;
  const latentH = Math.floor(upscaleHeight / 8) - truncateY;
  return { upscaleWidth, upscaleHeight, truncateX, truncateY, width: latentW * 8, height: latentH * 8 };
}
