import { describe, expect, it } from "vitest";
import { RequestValidationError } from "@/lib/api/errors";
import { validateSettings } from "@/lib/api/setting-values";

const issuesOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(RequestValidationError);
    return (e as RequestValidationError).issues;
  }
  throw new Error("expected a validation error");
};

describe("validateSettings", () => {
  it("casts known settings as pydantic would", () => {
    expect(validateSettings({ CLIP_stop_at_last_layers: "2", randn_source: "CPU", samples_save: "false" }, ["body"], "refuse")).toEqual({
      CLIP_stop_at_last_layers: 2,
      randn_source: "CPU",
      samples_save: false,
    });
  });

  it("collects every bad value as a 422 issue at [...loc, key]", () => {
    const issues = issuesOf(() => validateSettings({ CLIP_stop_at_last_layers: 13, randn_source: "TPU", sd_model_checkpoint: "no-such-model" }, ["body"], "refuse"));
    expect(issues.map((i) => i.loc.join("."))).toEqual(["body.CLIP_stop_at_last_layers", "body.randn_source", "body.sd_model_checkpoint"]);
    expect(issues[0]).toMatchObject({ type: "value_error.number.not_le" });
  });

  it("names an unknown key in a 422 for /options and drops it for override_settings", () => {
    expect(issuesOf(() => validateSettings({ bogus: 1 }, ["body"], "refuse"))).toEqual([{ loc: ["body", "bogus"], msg: "unknown setting 'bogus'", type: "value_error.key" }]);
    expect(validateSettings({ bogus: 1 }, ["body"], "drop")).toEqual({});
  });

  it("keeps a checkpoint override that is not installed (the job falls back and warns) and ignores HTML texts", () => {
    expect(validateSettings({ sd_model_checkpoint: "no-such-model", sd_vae_explanation: "x" }, ["body", "override_settings"], "drop")).toEqual({ sd_model_checkpoint: "no-such-model" });
  });
});
