// The prompt syntax of A1111 (a1111-spec.md §5): attention weights, prompt editing and
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
