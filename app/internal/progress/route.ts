// POST /internal/progress {id_task, id_live_preview} — the UI's progress poll (A1111's route of the
// same name), answered from memory without waiting on the running job.
import { z } from "zod";
import { ApiError, errorResponse } from "@/lib/api/errors";
import { decodeJsonBody, readBodyText } from "@/lib/api/request-body";
import { jobQueue } from "@/lib/queue/job-queue";
import { progressReport } from "@/lib/queue/progress-report";

const body = z.object({ id_task: z.string().min(1).max(100), id_live_preview: z.number().int().default(-1) });

/** A poll is a few dozen bytes; anything much larger is not one. */
const MAX_POLL_BYTES = 4096;

export async function POST(request: Request) {
  let input: unknown = null;
  try {
    input = decodeJsonBody(await readBodyText(request, MAX_POLL_BYTES));
  } catch (e) {
    if (e instanceof ApiError) return errorResponse(e);
  }
  const parsed = body.safeParse(input);
  if (!parsed.success) return Response.json({ error: "expected {id_task: string, id_live_preview?: number}" }, { status: 400 });
  return Response.json(progressReport(jobQueue(), parsed.data.id_task, parsed.data.id_live_preview));
}
