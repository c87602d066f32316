import { describe, expect, it } from "vitest";
import { groupBySection, matchesSearch, settingFields, valueFromControl, type SettingField } from "@/app/ui/settings/setting-fields";

const fields = settingFields();
const field = (key: string) => {
  const f = fields.find((x) => x.key === key);
  if (!f) throw new Error(`no field ${key}`);
  return f;
};

describe("settingFields", () => {
  it("reads number bounds, steps and integer-ness from the catalog", () => {
    expect(field("CLIP_stop_at_last_layers")).toMatchObject({ kind: "number", min: 1, max: 12, step: 1, integer: true });
    expect(field("eta_ddim")).toMatchObject({ kind: "number", min: 0, max: 1, step: 0.01, integer: false });
    // A plain number box (A1111's gr.Number) has no upper bound.
    expect(field("sigma_min")).toMatchObject({ kind: "number", min: 0, max: null, step: null });
    expect(field("live_preview_refresh_period")).toMatchObject({ min: 100, max: 60000, integer: true });
  });

  it("turns options with choices into dropdowns and booleans into checkboxes", () => {
    expect(field("randn_source")).toMatchObject({ kind: "choice", choices: ["GPU", "CPU", "NV"] });
    expect(field("samples_save")).toMatchObject({ kind: "boolean", label: "Always save all generated images" });
  });

  it("fills installed choices: the img2img upscaler lists the installed upscalers and may be empty", () => {
    const withInstalled = settingFields({ upscalers: ["None", "Lanczos", "4x-Model"] });
    expect(withInstalled.find((f) => f.key === "upscaler_for_img2img")).toMatchObject({ kind: "choice", choices: ["None", "Lanczos", "4x-Model"], nullable: true });
    expect(withInstalled.find((f) => f.key === "realesrgan_enabled_models")).toMatchObject({ kind: "multi" });
  });

  it("carries A1111's hints, among them the 0-means-default ones", () => {
    expect(field("rho").info).toMatch(/^0 = the schedule's default/);
    expect(field("randn_source").info).toMatch(/NV = A1111's own CPU copy/);
  });

  it("finds settings by words of their label, key or hint", () => {
    const upscaler = field("upscaler_for_img2img");
    expect(matchesSearch(upscaler, "Upscaling", "upscaler img2img")).toBe(true);
    expect(matchesSearch(upscaler, "Upscaling", "UPSCALER_FOR")).toBe(true);
    expect(matchesSearch(upscaler, "Upscaling", "upscaler jpeg")).toBe(false);
  });

  it("leaves out the options edited elsewhere (quicksettings checkpoint, Extensions tab list)", () => {
    const keys = fields.map((f) => f.key as string);
    expect(keys).not.toContain("sd_model_checkpoint");
    expect(keys).not.toContain("disabled_extensions");
  });

  it("groups by section in A1111's order without losing fields, leaving out the hidden options", () => {
    const groups = groupBySection(fields);
    expect(groups[0]).toMatchObject({ id: "saving-images", label: "Saving images/grids", category: "Saving images" });
    expect(groups.flatMap((g) => g.fields)).toHaveLength(fields.length);
    expect(new Set(groups.map((g) => g.id)).size).toBe(groups.length);
    expect(groups.map((g) => g.id)).not.toContain("hidden");
  });
});

describe("valueFromControl", () => {
  const number: SettingField = { key: "eta_ddim", label: "", section: "sampler-params", sectionLabel: "", nullable: false, kind: "number", min: 0, max: 1, step: 0.01, integer: false };
  const list: SettingField = { key: "disabled_extensions", label: "", section: "hidden", sectionLabel: "", nullable: false, kind: "list" };
  const maybe: SettingField = { key: "upscaler_for_img2img", label: "", section: "upscaling", sectionLabel: "", nullable: true, kind: "choice", choices: ["None"] };

  it("turns number-box text into numbers and leaves non-numbers for the server to reject", () => {
    expect(valueFromControl(number, " 0.25 ")).toBe(0.25);
    expect(valueFromControl(number, "abc")).toBe("abc");
    expect(valueFromControl(number, "")).toBe("");
  });

  it("turns an empty control of a nullable setting into null", () => {
    expect(valueFromControl(maybe, "")).toBeNull();
    expect(valueFromControl(maybe, "None")).toBe("None");
  });

  it("splits lists on commas and drops empty entries", () => {
    expect(valueFromControl(list, "a, b,,c ")).toEqual(["a", "b", "c"]);
  });
});
