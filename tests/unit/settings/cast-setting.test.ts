// A1111's opts.cast_value as the paste and the API's `infotext` field use it: the type of the setting's
// default decides the conversion; a value the setting refuses is not an override.
import { describe, expect, it } from "vitest";
import { castSetting } from "@/lib/settings/cast";

describe("castSetting", () => {
  it("reads numbers with Python's float() and keeps them only inside the setting's range", () => {
    expect(castSetting("CLIP_stop_at_last_layers", "2")).toBe(2);
    expect(castSetting("CLIP_stop_at_last_layers", " 3 ")).toBe(3);
    expect(castSetting("eta_ancestral", "0.5")).toBe(0.5);
    for (const text of ["2.5", "20", "0x2", "", "two"]) expect(castSetting("CLIP_stop_at_last_layers", text), text).toBeUndefined();
  });

  it("reads booleans as A1111 does: \"False\" and \"\" are false, any other text true", () => {
    expect(["False", "", "True", "false", "0"].map((t) => castSetting("tiling", t))).toEqual([false, false, true, true, true]);
  });

  it("keeps text for text settings, and only a listed choice for a choice setting", () => {
    expect(castSetting("randn_source", "CPU")).toBe("CPU");
    expect(castSetting("randn_source", "cuda")).toBeUndefined();
  });
});
