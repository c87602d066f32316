// Python's repr() as extensions print it into infotexts (docs/python-values.md#repr).
import { describe, expect, it } from "vitest";
import { formatInfotextItem } from "@/lib/infotext/values";
import { pythonRepr, pythonStrRepr } from "@/lib/python/repr";
import { pyFloat } from "@/lib/python/str";

describe("pythonRepr", () => {
  it("quotes strings as Python does", () => {
    expect(pythonStrRepr("abc")).toBe("'abc'");
    expect(pythonStrRepr("it's")).toBe(`"it's"`);
    expect(pythonStrRepr(`it's "x"`)).toBe(`'it\\'s "x"'`);
    expect(pythonStrRepr("a\\b\nc\td\u0001")).toBe("'a\\\\b\\nc\\td\\x01'");
    expect(pythonStrRepr("café ✓")).toBe("'café ✓'");
  });

  it("prints numbers, None, booleans, lists and dicts in insertion order", () => {
    expect(pythonRepr({ Method: "MultiDiffusion", "Tile tile width": 96, Scale: 2.5, Keep: true, Upscaler: null, Factor: pyFloat(2), Seeds: [1, -1] })).toBe(
      "{'Method': 'MultiDiffusion', 'Tile tile width': 96, 'Scale': 2.5, 'Keep': True, 'Upscaler': None, 'Factor': 2.0, 'Seeds': [1, -1]}",
    );
    expect(pythonRepr([])).toBe("[]");
    expect(pythonRepr({})).toBe("{}");
    expect(pythonRepr(1e-5)).toBe("1e-05");
  });

  it("becomes Tiled Diffusion's quoted infotext value", () => {
    const value = pythonRepr({ Method: "MultiDiffusion", "Tile Overlap": 48 });
    expect(formatInfotextItem("Tiled Diffusion", value)).toBe(`Tiled Diffusion: "{'Method': 'MultiDiffusion', 'Tile Overlap': 48}"`);
  });
});
