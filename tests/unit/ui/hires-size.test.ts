import { describe, expect, it } from "vitest";
import { hiresSizeLabel } from "@/app/ui/txt2img/hires-size";

const size = (width: number, height: number, hrScale: number, hrResizeX = 0, hrResizeY = 0) => ({ width, height, hrScale, hrResizeX, hrResizeY });

describe("hires fix size label (A1111 calc_resolution_hires)", () => {
  it("scale by: int(side × scale), not rounded to 8 (docs/a1111/generation.md#hires-fix: 520×512 × 1.33 → 691×680)", () => {
    expect(hiresSizeLabel(size(520, 512, 1.33))).toBe("from 520x512 to 691x680");
    expect(hiresSizeLabel(size(512, 512, 2))).toBe("from 512x512 to 1024x1024");
  });

  it("resize to one side: the other follows the aspect by floor division", () => {
    // 768 · 512 / 640 = 614.4 → 614; 1000 · 640 / 512 = 1250.
    expect(hiresSizeLabel(size(640, 512, 2, 768, 0))).toBe("from 640x512 to 768x614");
    expect(hiresSizeLabel(size(640, 512, 2, 0, 1000))).toBe("from 640x512 to 1250x1000");
  });

  it("resize to both sides shows the box, while the upscale covers it keeping the aspect", () => {
    expect(hiresSizeLabel(size(512, 768, 2, 1024, 1024))).toBe("from 512x768 to 1024x1024");
  });
});
