// The upscaler a script's argument names (docs/upscalers.md#choosing-by-argument): an index into the list, as
// A1111's radios send it, or a name in any case.
import { describe, expect, it } from "vitest";
import { upscalerName } from "@/lib/upscalers/upscaler-choice";

describe("upscalerName", () => {
  const names = ["None", "Lanczos", "Nearest", "4x-UltraSharp", "R-ESRGAN 4x+"];
  it("reads an index (as a number or as the string parameter's text) or a name, in any case", () => {
    expect([0, 1, 4].map((i) => upscalerName(i, names))).toEqual(["None", "Lanczos", "R-ESRGAN 4x+"]);
    expect(upscalerName("3", names)).toBe("4x-UltraSharp");
    expect(upscalerName("Lanczos", names)).toBe("Lanczos");
    expect(upscalerName("r-esrgan 4X+", names)).toBe("R-ESRGAN 4x+");
  });

  it("prefers a name made of digits to the index it spells", () => {
    expect(upscalerName("2", ["None", "Lanczos", "Nearest", "2"])).toBe("2");
  });

  it("refuses what names no upscaler", () => {
    for (const bad of [5, -1, 1.5, "9", "Bicubic", null, true, ""]) expect(() => upscalerName(bad, names)).toThrow(RangeError);
  });
});
