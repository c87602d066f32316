// A1111's token counter on the prompt boxes (`update_token_counter`): extra-network tags removed, the positive
// prompt split on AND, every text of the prompt-editing schedule chunked, and the longest one shown as
// `count/limit` (docs/a1111/prompts.md#token-counter).
import { parseExtraNetworkTags } from "@/lib/networks/prompt-tags";
import { promptToChunks, promptTokenLimit, type ChunkOptions, type PromptTokenizer } from "@/lib/prompts/chunks";
import { parseCompositePrompt } from "@/lib/prompts/composite";
import { getLearnedConditioningPromptSchedules } from "@/lib/prompts/schedules";

export interface TokenCount {
  count: number;
  limit: number;
}

export function promptTokenCount(tokenizer: PromptTokenizer, text: string, options: ChunkOptions & { steps: number; isPositive: boolean }): TokenCount {
  const { prompt } = parseExtraNetworkTags(text);
  const parts = options.isPositive ? parseCompositePrompt(prompt).map(([part]) => part) : [prompt];
  const texts = getLearnedConditioningPromptSchedules(parts, options.steps).flatMap((schedule) => schedule.map(([, t]) => t));
  const count = Math.max(...texts.map((t) => promptToChunks(tokenizer, t, options).tokenCount));
  return { count, limit: promptTokenLimit(count) };
}
