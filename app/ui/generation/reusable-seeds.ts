// What the reuse-seed buttons put back: the seeds recorded in an image's infotext, read with the same
// parser that handles pasted infotext.
import { parseGenerationParameters } from "@/lib/infotext/parser";

export interface ReusableSeeds {
  /** `Seed: N`, or null when the infotext has none. */
  seed: number | null;
  /** `Variation seed: N`, or null when the infotext has none. */
  subseed: number | null;
}

const integerOrNull = (text: string | undefined) => (text !== undefined && /^-?\d+$/.test(text) ? Number(text) : null);

export function reusableSeeds(infotext: string): ReusableSeeds {
  if (infotext.trim() === "") return { seed: null, subseed: null };
  // Styles only change the prompts, which the seeds do not need.
  const fields = parseGenerationParameters(infotext, { inferStyles: "Ignore" });
  return { seed: integerOrNull(fields["Seed"]), subseed: integerOrNull(fields["Variation seed"]) };
}
