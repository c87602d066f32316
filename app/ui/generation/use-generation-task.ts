"use client";
// One generation job seen from the page: submit through a server action, then poll
// POST /internal/progress every `refreshMs` until the job completes (A1111's progressbar.js loop).
import { useCallback, useEffect, useRef, useState } from "react";
import { interruptTask, skipTask, type SubmitResult } from "@/app/actions/generation";
import type { JobResultView, ProgressReport } from "@/lib/queue/progress-report";

export interface GenerationState {
  running: boolean;
  taskId: string | null;
  /** The latest poll answer while the job runs. */
  report: ProgressReport | null;
  /** Kept across polls: the server only sends a preview when it has a new one. */
  livePreview: string | null;
  result: JobResultView | null;
  error: string | null;
  /** Wall time from clicking Generate to the result, in ms. */
  elapsedMs: number | null;
}

const idle: GenerationState = { running: false, taskId: null, report: null, livePreview: null, result: null, error: null, elapsedMs: null };

async function fetchProgress(taskId: string, knownPreviewId: number): Promise<ProgressReport> {
  const response = await fetch("/internal/progress", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ id_task: taskId, id_live_preview: knownPreviewId }),
  });
  if (!response.ok) throw new Error(`progress request failed: HTTP ${response.status}`);
  return response.json();
}

const describe = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function useGenerationTask(refreshMs: number) {
  const [state, setState] = useState<GenerationState>(idle);
  // Bumped per job and on unmount so a stale poll loop stops writing state.
  const generation = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const refresh = useRef(refreshMs);
  refresh.current = refreshMs;

  useEffect(
    () => () => {
      generation.current++;
      clearTimeout(timer.current);
    },
    [],
  );

  const start = useCallback(async (submit: () => Promise<SubmitResult>) => {
    const mine = ++generation.current;
    const startedAt = performance.now();
    // The previous result stays visible until the new one arrives, as in A1111.
    setState((s) => ({ ...idle, running: true, result: s.result }));
    const finish = (patch: Partial<GenerationState>) =>
      mine === generation.current && setState((s) => ({ ...s, running: false, elapsedMs: performance.now() - startedAt, ...patch }));

    let submitted: SubmitResult;
    try {
      submitted = await submit();
    } catch (e) {
      return finish({ error: describe(e) });
    }
    if ("error" in submitted) return finish({ error: submitted.error });
    const taskId = submitted.taskId;
    setState((s) => ({ ...s, taskId }));

    let previewId = -1;
    const poll = async () => {
      if (mine !== generation.current) return;
      let report: ProgressReport;
      try {
        report = await fetchProgress(taskId, previewId);
      } catch (e) {
        return finish({ error: `lost contact with the server: ${describe(e)}` });
      }
      if (mine !== generation.current) return;
      previewId = report.livePreviewId;
      if (report.completed) return finish({ report: null, livePreview: null, result: report.result, error: report.error });
      setState((s) => ({ ...s, report, livePreview: report.livePreview ?? s.livePreview }));
      timer.current = setTimeout(poll, refresh.current);
    };
    await poll();
  }, []);

  const interrupt = useCallback(() => {
    if (state.taskId) void interruptTask(state.taskId);
  }, [state.taskId]);

  const skip = useCallback(() => {
    if (state.taskId) void skipTask(state.taskId);
  }, [state.taskId]);

  return { state, start, interrupt, skip };
}
