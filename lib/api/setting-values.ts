// Setting values arriving through the API (POST /options, `override_settings`), checked with the
// option schemas before anything is applied, so a request is taken whole or not at all.
import { RequestValidationError, validationIssues, type ValidationIssue } from "@/lib/api/errors";
import { findCheckpoint } from "@/lib/models/checkpoints";
import { isOptionKey, OPTIONS, type OptionKey } from "@/lib/settings/options";

export class UnknownSettingError extends Error {
  constructor(key: string) {
    // A1111's Options.set raises KeyError for a key it does not know (answered with 500).
    super(`unknown setting '${key}'`);
    this.name = "KeyError";
  }
}

/**
 * The valid settings among `values`, parsed. Unknown keys are dropped (`override_settings`: A1111
 * sets them as stray attributes that nothing reads) or refused (`/options`); a bad value is a 422
 * located at `[...loc, key]`. The checkpoint must name an existing model and is stored by title.
 */
export function validateSettings(
  values: Record<string, unknown>,
  loc: Array<string | number>,
  unknownKeys: "drop" | "refuse",
): Partial<Record<OptionKey, unknown>> {
  const accepted: Partial<Record<OptionKey, unknown>> = {};
  const issues: ValidationIssue[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (!isOptionKey(key)) {
      if (unknownKeys === "refuse") throw new UnknownSettingError(key);
      continue;
    }
    const parsed = OPTIONS[key].schema.safeParse(value);
    if (!parsed.success) {
      issues.push(...validationIssues(parsed.error, [...loc, key]));
    } else if (key === "sd_model_checkpoint") {
      const checkpoint = findCheckpoint(String(parsed.data));
      if (checkpoint) accepted[key] = checkpoint.title;
      else issues.push({ loc: [...loc, key], msg: `model '${parsed.data}' not found`, type: "value_error" });
    } else {
      accepted[key] = parsed.data;
    }
  }
  if (issues.length > 0) throw new RequestValidationError(issues);
  return accepted;
}
