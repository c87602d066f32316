// From a prompt with `[from:to:when]` and `[a|b]` to the list of texts over the steps
// (A1111 `get_learned_conditioning_prompt_schedules`, docs/a1111/prompts.md#prompt-editing, docs/a1111/prompts.md#conditioning-schedules).
import { parseSchedulePrompt, type PromptNode } from "@/lib/prompts/schedule-syntax";

/** `[endAtStep, text]` pairs sorted by step, the last one ending at `steps`. */
export type PromptSchedule = Array<[endAtStep: number, text: string]>;

interface Timeline {
  steps: number;
  /** Subtracted from integer `when`s: the first pass's steps when scheduling a hires pass. */
  intOffset: number;
  /** Subtracted from decimal-point `when`s: 1 for a hires pass, whose fractions run from 1 to 2. */
  floatOffset: number;
  useOldScheduling: boolean;
}

/** The step after which a scheduled group switches to its `to` text (≤ 0: from the start). */
function switchStep(when: string, t: Timeline): number {
  const value = Number(when);
  let step: number;
  if (t.useOldScheduling) step = value < 1 ? value * t.steps : value;
  else if (when.includes(".")) step = (value - t.floatOffset) * t.steps;
  else step = value - t.intOffset;
  return Math.min(t.steps, Math.trunc(step));
}

function forEachNode(nodes: PromptNode[], visit: (node: PromptNode) => void): void {
  for (const node of nodes) {
    visit(node);
    if (node.kind === "scheduled") {
      if (node.before) forEachNode(node.before, visit);
      forEachNode(node.after, visit);
    } else if (node.kind === "alternate") {
      node.options.forEach((option) => forEachNode(option, visit));
    }
  }
}

function stepsWhereTextChanges(nodes: PromptNode[], t: Timeline): number[] {
  const steps = new Set([t.steps]);
  forEachNode(nodes, (node) => {
    if (node.kind === "scheduled") {
      const step = switchStep(node.when, t);
      if (step >= 1) steps.add(step);
    } else if (node.kind === "alternate") {
      // Alternation changes the text at every step.
      for (let s = 1; s <= t.steps; s++) steps.add(s);
    }
  });
  return [...steps].sort((a, b) => a - b);
}

/** The text at 1-based `step`; nested alternations use the same step (`[a|[b|c]]` never shows b). */
function textAtStep(nodes: PromptNode[], step: number, t: Timeline): string {
  return nodes
    .map((node) => {
      if (node.kind === "text") return node.text;
      if (node.kind === "alternate") return textAtStep(node.options[(step - 1) % node.options.length], step, t);
      return step <= switchStep(node.when, t) ? textAtStep(node.before ?? [], step, t) : textAtStep(node.after, step, t);
    })
    .join("");
}

function promptSchedule(prompt: string, t: Timeline): PromptSchedule {
  const tree = parseSchedulePrompt(prompt);
  if (!tree) return [[t.steps, prompt]];
  return stepsWhereTextChanges(tree, t).map((step) => [step, textAtStep(tree, step, t)]);
}

/**
 * Per prompt, its schedule over `steps` (first pass), or over `hiresSteps` for a hires pass, where
 * integer `when`s count from the start of the first pass and fractions span 1..2. The old-scheduling
 * option reads `when < 1` as a fraction and anything else as a step, on the first-pass timeline.
 */
export function getLearnedConditioningPromptSchedules(
  prompts: string[],
  steps: number,
  hiresSteps?: number,
  useOldScheduling = false,
): PromptSchedule[] {
  const hires = hiresSteps !== undefined && !useOldScheduling;
  const timeline: Timeline = {
    steps: hires ? hiresSteps : steps,
    intOffset: hires ? steps : 0,
    floatOffset: hires ? 1 : 0,
    useOldScheduling,
  };
  const byPrompt = new Map<string, PromptSchedule>();
  return prompts.map((prompt) => {
    let schedule = byPrompt.get(prompt);
    if (!schedule) byPrompt.set(prompt, (schedule = promptSchedule(prompt, timeline)));
    return schedule;
  });
}

/**
 * The entry used for model call `k` (0-based call counter): the first whose end step is ≥ k, so a
 * `from` text switching at step n conditions n + 1 calls (docs/a1111/quirks.md#q6). Like A1111, the first entry when none is.
 */
export function scheduleEntryAtStep<T extends { endAtStep: number }>(schedule: readonly T[], k: number): T {
  return schedule.find((entry) => k <= entry.endAtStep) ?? schedule[0];
}
