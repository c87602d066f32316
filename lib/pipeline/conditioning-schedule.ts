// The conditioning a sampling pass walks through: per image, its AND parts, each a schedule of
// encoded texts over the model-call counter (prompt editing and alternation, docs/a1111/prompts.md#conditioning-schedules).
import { scheduleEntryAtStep } from "@/lib/prompts";

/** One text's encoder output, [tokens, dim] with tokens a multiple of 77. */
export interface TextConditioning {
  data: Float32Array;
  tokens: number;
  dim: number;
}

/** Used for model calls up to and including `endAtStep` (0-based call counter, docs/a1111/quirks.md#q6). */
export interface ScheduledConditioning {
  endAtStep: number;
  cond: TextConditioning;
}

/** One `AND` part of a prompt with its weight. */
export interface ComposablePart {
  schedule: ScheduledConditioning[];
  weight: number;
}

export interface ConditioningBatch {
  /** Per image: its AND parts. */
  cond: ComposablePart[][];
  /** Per image: the negative prompt's schedule. */
  uncond: ScheduledConditioning[][];
  /** Per image: its index in the job's per-image lists (default its place in the batch). */
  images?: readonly number[];
}

/** The entry in force at model call `step`; past the end A1111 falls back to the first entry. */
export function condAtStep(schedule: ScheduledConditioning[], step: number): TextConditioning {
  return scheduleEntryAtStep(schedule, step).cond;
}
