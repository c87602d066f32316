import { describe, expect, it } from "vitest";
import { RequestValidationError } from "@/lib/api/errors";
import { UnknownSettingError, validateSettings } from "@/lib/api/setting-values";

describe("validateSettings", () => {
  it("parses known settings with their schemas", () => {
    expect(validateSettings({ CLIP_stop_at_last_layers: 2, randn_source: "CPU" }, ["body"], "refuse")).toEqual({ CLIP_stop_at_last_layers: 2, randn_source: "CPU" });
  });

  it("collects every bad value as a 422 issue at [...loc, key]", () => {
    try {
      validateSettings({ CLIP_stop_at_last_layers: 13, randn_source: "TPU", sd_model_checkpoint: "no-such-model" }, ["body"], "refuse");
      throw new Error("expected a validation error");
    } catch (e) {
      expect(e).toBeInstanceOf(RequestValidationError);
      expect((e as RequestValidationError).issues.map((i) => i.loc.join("."))).toEqual(["body.CLIP_stop_at_last_layers", "body.randn_source", "body.sd_model_checkpoint"]);
    }
  });

  it("refuses unknown keys for /options (A1111's KeyError) and drops them for override_settings", () => {
    expect(() => validateSettings({ bogus: 1 }, ["body"], "refuse")).toThrow(UnknownSettingError);
    expect(validateSettings({ bogus: 1 }, ["body"], "drop")).toEqual({});
  });
});
