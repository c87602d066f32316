// Scripts' labelled sub-steps in the job's progress (docs/extensions.md#progress): each is one unit of the job
// count, so fraction and ETA count them; child jobs inside one run within it; a nested run only relabels.
import { describe, expect, it } from "vitest";
import { progressService } from "@/lib/pipeline/services/progress";
import { JobProgress } from "@/lib/queue/job-progress";

/** A child job's batch as processImages runs it. */
function childBatch(progress: JobProgress, steps = 4) {
  const jobNo = progress.startJobs(1);
  progress.beginBatch(jobNo, `Batch ${jobNo + 1} out of ${progress.jobCount}`);
  progress.beginSampling(steps);
  progress.samplingStep = steps;
  progress.finishBatch(jobNo);
}

describe("progress sub-steps", () => {
  it("a selectable script's tiles: N units, labelled, child jobs inside them", () => {
    const progress = new JobProgress("usdu");
    const service = progressService(progress);
    const tiles = service.subSteps(4, "Tile");
    expect(progress.jobCount).toBe(4);
    const seen: Array<[string, number, number]> = [];
    for (let i = 0; i < 4; i++) {
      tiles.next();
      progress.beginSampling(10);
      progress.samplingStep = 5;
      seen.push([progress.job, progress.jobNo, progress.fraction()]);
      childBatch(progress);
      expect(progress.job).toBe(`Tile ${i + 1}/4`);
    }
    tiles.done();
    expect(seen).toEqual([
      ["Tile 1/4", 0, 0.125],
      ["Tile 2/4", 1, 0.375],
      ["Tile 3/4", 2, 0.625],
      ["Tile 4/4", 3, 0.875],
    ]);
    expect([progress.jobNo, progress.jobCount, progress.fraction()]).toEqual([4, 4, 1]);
  });

  it("ADetailer after a batch: its faces are added to the job's count and follow the batch", () => {
    const progress = new JobProgress("adetailer");
    const first = progress.startJobs(2);
    progress.beginBatch(first, "Batch 1 out of 2");
    progress.finishBatch(first);
    const faces = progressService(progress).subSteps(2, "ADetailer face");
    expect(progress.jobCount).toBe(4);
    faces.next();
    expect([progress.job, progress.jobNo]).toEqual(["ADetailer face 1/2", 1]);
    childBatch(progress);
    faces.next();
    childBatch(progress);
    faces.done();
    expect(progress.jobNo).toBe(3);
    // The job's second batch continues the count.
    progress.beginBatch(progress.jobNo, "Batch 2 out of 4");
    progress.finishBatch(progress.jobNo);
    expect([progress.jobNo, progress.jobCount, progress.fraction()]).toEqual([4, 4, 1]);
  });

  it("a nested run inside a sub-step only relabels it", () => {
    const progress = new JobProgress("nested");
    const tiles = progressService(progress).subSteps(2, "Tile");
    tiles.next();
    const faces = progressService(progress).subSteps(3, "ADetailer face");
    expect(progress.jobCount).toBe(2);
    faces.next();
    faces.next();
    expect([progress.job, progress.jobNo]).toEqual(["Tile 1/2, ADetailer face 2/3", 0]);
    faces.done();
    expect(progress.job).toBe("Tile 1/2");
    tiles.next();
    tiles.done();
    expect([progress.jobNo, progress.jobCount]).toEqual([2, 2]);
  });

  it("reports the flags and shows a preview image", async () => {
    const progress = new JobProgress("flags");
    const service = progressService(progress);
    expect([service.interrupted, service.skipped, service.shouldStop]).toEqual([false, false, false]);
    progress.skip();
    expect([service.interrupted, service.skipped, service.shouldStop]).toEqual([false, true, true]);
    progress.interrupt();
    expect(service.interrupted).toBe(true);
    await service.setPreview({ width: 2, height: 1, data: new Uint8Array([255, 0, 0, 0, 0, 255]) });
    expect(progress.livePreview).toMatchObject({ id: 1, dataUrl: expect.stringMatching(/^data:image\/png;base64,iVBOR/) });
  });
});
