// A history row's structured fields read from an image's `parameters` infotext: what the start-up
// reconcile imports from a file, and what an Extras result — which carries its source's parameters
// beside its own `extras` text — is recorded with, so History shows and finds its prompt
// (docs/history.md#extras-results).
import { parseGenerationParameters } from "@/lib/infotext/parser";
import type { ImageFields } from "@/lib/history/image-fields";

const integer = (value: string | undefined) => {
  const n = Number(value);
  return value !== undefined && value.trim() !== "" && Number.isSafeInteger(n) ? n : undefined;
};
const float = (value: string | undefined) => {
  const n = Number(value);
  return value !== undefined && value.trim() !== "" && Number.isFinite(n) ? n : undefined;
};

/** The fields of a `parameters` text; width and height are the generation's, which an upscale changes. */
export function fieldsFromInfotext(parameters: string): Omit<ImageFields, "extensionFields" | "jobId"> {
  const params = parseGenerationParameters(parameters);
  return {
    prompt: params["Prompt"] ?? "",
    negativePrompt: params["Negative prompt"] ?? "",
    seed: integer(params["Seed"]),
    subseed: integer(params["Variation seed"]),
    subseedStrength: float(params["Variation seed strength"]),
    sampler: params["Sampler"],
    scheduleType: params["Schedule type"],
    steps: integer(params["Steps"]),
    cfgScale: float(params["CFG scale"]),
    width: integer(params["Size-1"]),
    height: integer(params["Size-2"]),
    modelName: params["Model"],
    modelHash: params["Model hash"],
  };
}
