// The text under the progress bar (docs/ui.md#progress-text) for each stage of a job, exactly.
import { describe, expect, it } from "vitest";
import { JobProgress, jobNameOf } from "@/lib/queue/job-progress";
import { progressText } from "@/lib/queue/progress-text";

function running(kind: string): JobProgress {
  const p = new JobProgress("t");
  p.job = jobNameOf(kind);
  return p;
}

describe("progressText", () => {
  it("says the job is preparing before its first step, never 'Waiting...'", () => {
    expect(progressText(running("txt2img"), "txt2img")).toBe("Preparing...");
    expect(progressText(running("extras"), "extras")).toBe("Upscaling...");
  });

  it("shows the sampling step of a single batch", () => {
    const p = running("txt2img");
    p.startJobs(1);
    p.beginBatch(0, "");
    p.samplingSteps = 20;
    p.samplingStep = 5;
    expect(progressText(p, "txt2img")).toBe("Sampling step 5/20");
  });

  it("names the batch of several, then the step", () => {
    const p = running("txt2img");
    p.startJobs(4);
    p.beginBatch(1, "Batch 2 out of 4");
    p.samplingSteps = 20;
    p.samplingStep = 13;
    expect(progressText(p, "txt2img")).toBe("Batch 2 out of 4, Sampling step 13/20");
  });

  it("counts the units of a job that has no label of its own", () => {
    const p = running("img2img");
    p.jobCount = 3;
    p.jobNo = 2;
    expect(progressText(p, "img2img")).toBe("Batch 3 out of 3");
  });

  it("keeps a script's sub-step label and adds the step", () => {
    const p = running("txt2img");
    p.beginSubStep("Tile 3/12", false);
    p.samplingSteps = 8;
    p.samplingStep = 1;
    expect(progressText(p, "txt2img")).toBe("Tile 3/12, Sampling step 1/8");
  });

  it("shows the upscaler's tiles in Extras, with the image of a batch", () => {
    const p = running("extras");
    p.jobCount = 2;
    p.stepLabel = "Upscaling tile";
    p.beginBatch(1, "Image 2 out of 2");
    p.samplingSteps = 6;
    p.samplingStep = 4;
    expect(progressText(p, "extras")).toBe("Image 2 out of 2, Upscaling tile 4/6");
  });
});
