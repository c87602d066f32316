// GET /sdapi/v1/options: every setting of the catalog with its stored or default value, as A1111
// answers after start-up — where `sd_model_checkpoint` is the title of the model the next job uses
// (A1111 loads one at start, so clients never see an empty or stale name while a model exists).
import { defaultCheckpoint, listCheckpoints } from "@/lib/models/checkpoints";
import type { Options } from "@/lib/settings/options";
import { loadOptions } from "@/lib/settings/store";

export function apiOptions(): Options {
  const options = loadOptions();
  if (listCheckpoints().length === 0) return options;
  return { ...options, sd_model_checkpoint: defaultCheckpoint(options.sd_model_checkpoint ?? "").title };
}
