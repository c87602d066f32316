// GET /sdapi/v1/progress (docs/a1111/api.md#progress), answered from the queue's memory without touching
// the running job. A1111's formula has a 0.01 head start (so a started job never shows 0) and
// computes the ETA before capping progress at 1.
import type { JobQueue } from "@/lib/queue/job-queue";

export interface ApiProgressState {
  skipped: boolean;
  interrupted: boolean;
  stopping_generation: boolean;
  job: string;
  job_count: number;
  job_timestamp: string;
  job_no: number;
  sampling_step: number;
  sampling_steps: number;
}

export interface ApiProgress {
  progress: number;
  eta_relative: number;
  state: ApiProgressState;
  current_image: string | null;
  textinfo: string | null;
}

const HEAD_START = 0.01;

const IDLE_STATE: ApiProgressState = {
  skipped: false, interrupted: false, stopping_generation: false, job: "", job_count: 0,
  job_timestamp: "0", job_no: 0, sampling_step: 0, sampling_steps: 0,
};

export function apiProgress(queue: JobQueue, skipCurrentImage: boolean, now = Date.now()): ApiProgress {
  const task = queue.current();
  if (!task) return { progress: 0, eta_relative: 0, state: IDLE_STATE, current_image: null, textinfo: null };
  const p = task.progress;
  const state: ApiProgressState = {
    skipped: p.skipped,
    interrupted: p.interrupted,
    stopping_generation: p.stoppingGeneration,
    job: p.job,
    job_count: p.jobCount,
    job_timestamp: p.timestamp,
    job_no: p.jobNo,
    sampling_step: p.samplingStep,
    sampling_steps: p.samplingSteps,
  };
  const preview = p.livePreview && !skipCurrentImage ? p.livePreview.dataUrl.replace(/^data:[^,]*,/, "") : null;
  return {
    progress: Math.min(p.fraction() + HEAD_START, 1),
    eta_relative: p.etaSeconds(now, HEAD_START),
    state,
    current_image: preview,
    textinfo: p.textinfo || null,
  };
}
