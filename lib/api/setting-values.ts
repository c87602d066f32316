// Setting values arriving through the API (POST /options, `override_settings`), cast with the one
// setting caster (lib/settings/cast.ts) before anything is applied, so a request is taken whole or not
// at all.
import { RequestValidationError, type ValidationIssue } from "@/lib/api/errors";
import { usableCheckpoint } from "@/lib/models/checkpoints";
import { castOption } from "@/lib/settings/cast";
import { isOptionKey, optionSpec, type OptionKey } from "@/lib/settings/options";

/**
 * The valid settings among `values`, cast. For `/options` (`refuse`) a key A1111 does not have is a
 * 422 naming it (A1111 answers 500 with a KeyError) and the checkpoint must name an installed model
 * (stored by title). For `override_settings` (`drop`) unknown keys are dropped, as A1111 sets them
 * as stray attributes nothing reads, and a checkpoint that is not installed is kept: the job then
 * runs on the current model and says so in its `info`. HTML texts are read-only and never stored.
 * A bad value is a 422 located at `[...loc, key]`.
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
      if (unknownKeys === "refuse") issues.push({ loc: [...loc, key], msg: `unknown setting '${key}'`, type: "value_error.key" });
      continue;
    }
    if (optionSpec(key).kind === "html") continue;
    const cast = castOption(key, value);
    if (!cast.ok) {
      issues.push({ loc: [...loc, key], msg: cast.msg, type: cast.type });
    } else if (key === "sd_model_checkpoint" && unknownKeys === "refuse") {
      const usable = usableCheckpoint(String(cast.value ?? ""));
      if (usable.ok) accepted[key] = usable.info.title;
      // A1111's own words for a name it does not know.
      else issues.push({ loc: [...loc, key], msg: usable.missing ? `model '${cast.value}' not found` : usable.error, type: "value_error" });
    } else {
      accepted[key] = cast.value;
    }
  }
  if (issues.length > 0) throw new RequestValidationError(issues);
  return accepted;
}
