// Composable diffusion: a prompt split on `AND` into parts, each with an optional `:weight`
// (A1111 `get_multicond_prompt_list`, docs/a1111/prompts.md#composable-prompts-and), and the per-part schedules the CFG
// denoiser walks through.
import { getLearnedConditioningPromptSchedules } from "@/lib/prompts/schedules";

// Python's `\bAND\b` with unicode word characters.
const andPattern = /(?<![\p{L}\p{N}_])AND(?![\p{L}\p{N}_])/u;
// A1111's `re_weight`: text (leading spaces kept), optional `: number`, trailing spaces dropped.
const weightPattern = /^([\s\S]*?)(?:\s*:\s*([-+]?(?:\d+\.?|\d*\.\d+)))?\s*$/u;

export function parseCompositePrompt(prompt: string): Array<[text: string, weight: number]> {
  return prompt.split(andPattern).map((part) => {
    const match = weightPattern.exec(part);
    if (!match) return [part, 1];
    return [match[1], match[2] === undefined ? 1 : Number(match[2])];
  });
}

export interface ScheduledPrompt {
  /** Used for model calls k ≤ endAtStep (0-based counter). */
  endAtStep: number;
  text: string;
}

export interface ComposablePromptSchedule {
  schedule: ScheduledPrompt[];
  weight: number;
}

/** Per prompt, its AND parts, each scheduled over the steps. */
export type MultiCondSchedule = ComposablePromptSchedule[][];

export function getMulticondPromptSchedules(
  prompts: string[],
  steps: number,
  hiresSteps?: number,
  useOldScheduling = false,
): MultiCondSchedule {
  return prompts.map((prompt) => {
    const parts = parseCompositePrompt(prompt);
    const schedules = getLearnedConditioningPromptSchedules(parts.map(([text]) => text), steps, hiresSteps, useOldScheduling);
    return parts.map(([, weight], i) => ({
      schedule: schedules[i].map(([endAtStep, text]) => ({ endAtStep, text })),
      weight,
    }));
  });
}
