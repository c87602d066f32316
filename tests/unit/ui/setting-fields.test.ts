import { describe, expect, it } from "vitest";
import { groupBySection, settingFields, valueFromControl, type SettingField } from "@/app/ui/settings/setting-fields";

const fields = settingFields();
const field = (key: string) => {
  const f = fields.find((x) => x.key === key);
  if (!f) throw new Error(`no field ${key}`);
  return f;
};

describe("settingFields", () => {
  it("reads number bounds and integer-ness from the option schemas", () => {
    expect(field("CLIP_stop_at_last_layers")).toMatchObject({ kind: "number", min: 1, max: 12, integer: true });
    expect(field("eta_ddim")).toMatchObject({ kind: "number", min: 0, max: 1, integer: false });
    // z.number().min(0) has no upper bound.
    expect(field("s_churn")).toMatchObject({ kind: "number", min: 0, max: null });
    expect(field("live_preview_refresh_period")).toMatchObject({ min: 100, max: 60000, integer: true });
  });

  it("turns options with choices into dropdowns and booleans into checkboxes", () => {
    expect(field("randn_source")).toMatchObject({ kind: "choice", choices: ["GPU", "CPU", "NV"] });
    expect(field("samples_save")).toMatchObject({ kind: "boolean", label: "Always save all generated images" });
  });

  it("leaves out the options edited elsewhere (quicksettings checkpoint, Extensions tab list)", () => {
    const keys = fields.map((f) => f.key as string);
    expect(keys).not.toContain("sd_model_checkpoint");
    expect(keys).not.toContain("disabled_extensions");
  });

  it("groups by section in first-appearance order without losing fields", () => {
    const groups = groupBySection(fields);
    expect(groups[0]?.section).toBe("Stable Diffusion");
    expect(groups.flatMap((g) => g.fields)).toHaveLength(fields.length);
    expect(new Set(groups.map((g) => g.section)).size).toBe(groups.length);
  });
});

describe("valueFromControl", () => {
  const number: SettingField = { key: "eta_ddim", label: "", section: "", kind: "number", min: 0, max: 1, integer: false };
  const list: SettingField = { key: "disabled_extensions", label: "", section: "", kind: "list" };

  it("turns number-box text into numbers and leaves non-numbers for the server to reject", () => {
    expect(valueFromControl(number, " 0.25 ")).toBe(0.25);
    expect(valueFromControl(number, "abc")).toBe("abc");
    expect(valueFromControl(number, "")).toBe("");
  });

  it("splits lists on commas and drops empty entries", () => {
    expect(valueFromControl(list, "a, b,,c ")).toEqual(["a", "b", "c"]);
  });
});
