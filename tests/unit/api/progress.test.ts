import { describe, expect, it } from "vitest";
import { apiProgress } from "@/lib/api/progress";
import type { JobProgress } from "@/lib/queue/job-progress";
import { JobQueue } from "@/lib/queue/job-queue";

/** A queue whose single job stays running until `release` is called. */
async function runningJob() {
  const queue = new JobQueue();
  let release!: () => void;
  let progress!: JobProgress;
  const started = new Promise<void>((resolve) => {
    queue.submit("txt2img", (p) => {
      progress = p;
      resolve();
      return new Promise<void>((r) => (release = r));
    });
  });
  await started;
  return { queue, progress, release };
}

describe("GET /sdapi/v1/progress body", () => {
  it("is all zeros with no image while idle", () => {
    const idle = apiProgress(new JobQueue(), false);
    expect(idle).toMatchObject({ progress: 0, eta_relative: 0, current_image: null, textinfo: null });
    expect(idle.state.job_count).toBe(0);
  });

  it("follows A1111's formula 0.01 + job_no/job_count + step/steps/job_count, ETA = elapsed/progress − elapsed", async () => {
    const { queue, progress, release } = await runningJob();
    progress.start(1_000_000);
    progress.jobCount = 4;
    progress.beginBatch(1, "Batch 2 out of 4");
    progress.beginSampling(20);
    progress.samplingStep = 5;
    const r = apiProgress(queue, false, 1_000_000 + 30_000);
    const expected = 0.01 + 1 / 4 + (1 / 4) * (5 / 20); // 0.3225
    expect(r.progress).toBeCloseTo(expected, 12);
    expect(r.eta_relative).toBeCloseTo(30 / expected - 30, 9);
    expect(r.state).toMatchObject({ job: "Batch 2 out of 4", job_count: 4, job_no: 1, sampling_step: 5, sampling_steps: 20, interrupted: false, skipped: false });
    expect(r.state.job_timestamp).toMatch(/^\d{14}$/);
    release();
  });

  it("names the running job as A1111 does (scripts_txt2img) with a local-time job_timestamp until batches are labelled", async () => {
    const before = new Date();
    const { queue, progress, release } = await runningJob();
    expect(apiProgress(queue, false).state.job).toBe("scripts_txt2img");
    progress.beginBatch(0, "");
    expect(apiProgress(queue, false).state.job).toBe("scripts_txt2img");
    const stamp = apiProgress(queue, false).state.job_timestamp;
    const local = (d: Date) => Number(`${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, "0")}${String(d.getDate()).padStart(2, "0")}${String(d.getHours()).padStart(2, "0")}${String(d.getMinutes()).padStart(2, "0")}${String(d.getSeconds()).padStart(2, "0")}`);
    expect(Number(stamp)).toBeGreaterThanOrEqual(local(before));
    expect(Number(stamp)).toBeLessThanOrEqual(local(new Date()));
    release();
  });

  it("shows 0.01 while the job count is still unknown, and caps at 1", async () => {
    const { queue, progress, release } = await runningJob();
    progress.start(0);
    expect(apiProgress(queue, false, 1000).progress).toBeCloseTo(0.01, 12);
    progress.jobCount = 1;
    progress.beginBatch(1, "");
    expect(apiProgress(queue, false, 1000).progress).toBe(1);
    release();
  });

  it("sends the live preview as bare base64 unless skip_current_image", async () => {
    const { queue, progress, release } = await runningJob();
    progress.setPreview("data:image/png;base64,iVBORw0KGgo=");
    expect(apiProgress(queue, false).current_image).toBe("iVBORw0KGgo=");
    expect(apiProgress(queue, true).current_image).toBeNull();
    progress.interrupt();
    expect(apiProgress(queue, true).state.interrupted).toBe(true);
    release();
  });
});
