// The prompt syntax of A1111 (docs/a1111/prompts.md): attention weights, prompt editing and
// alternation schedules, AND composition. Chunking for the text encoder lives in `./chunks`.
export { parsePromptAttention, breakMarker, type WeightedRun } from "@/lib/prompts/attention";
export {
  getLearnedConditioningPromptSchedules,
  scheduleEntryAtStep,
  type PromptSchedule,
} from "@/lib/prompts/schedules";
export {
  parseCompositePrompt,
  getMulticondPromptSchedules,
  type ScheduledPrompt,
  type ComposablePromptSchedule,
  type MultiCondSchedule,
} from "@/lib/prompts/composite";
