"use server";
// Server actions the generation tabs call. They validate, enqueue and return at once; the page
// then polls POST /internal/progress for progress, previews and the result.
import { z } from "zod";
import { describeValidationError, generationParamsSchema } from "@/lib/pipeline/params";
import { runTxt2img } from "@/lib/pipeline/run-job";
import { jobQueue, isQueueFullError } from "@/lib/queue/job-queue";

export type SubmitResult = { taskId: string } | { error: string };

export async function submitTxt2img(input: unknown): Promise<SubmitResult> {
  const parsed = generationParamsSchema.safeParse(input);
  if (!parsed.success) return { error: describeValidationError(parsed.error) };
  try {
    const task = jobQueue().submit("txt2img", (progress) => runTxt2img(parsed.data, progress));
    return { taskId: task.id };
  } catch (e) {
    if (isQueueFullError(e)) return { error: e.message };
    throw e;
  }
}

const taskId = z.string().min(1).max(100);

export async function interruptTask(id: string): Promise<void> {
  jobQueue().cancel(taskId.parse(id));
}

export async function skipTask(id: string): Promise<void> {
  const task = jobQueue().get(taskId.parse(id));
  if (task?.status === "running") task.progress.skip();
}
