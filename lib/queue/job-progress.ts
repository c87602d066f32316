// The state of one running job as A1111 reports it (`shared.state`): which sub-job of how many,
// which sampling step of how many, the interrupt/skip flags, and the latest live preview.

export interface LivePreview {
  id: number;
  /** data:image/png;base64,… */
  dataUrl: string;
}

/** A1111's `state.job_timestamp`: the local time as YYYYmmddHHMMSS. */
export function localTimestamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}

/** The name A1111's `state.begin(job=…)` gives a job of each kind, shown as `state.job` until batches are labelled. */
const A1111_JOB_NAMES: Record<string, string> = { txt2img: "scripts_txt2img", img2img: "scripts_img2img", extras: "extras" };

export const jobNameOf = (kind: string) => A1111_JOB_NAMES[kind] ?? kind;

export class JobProgress {
  job = "";
  jobNo = 0;
  /** -1 while the job has not yet said how many sub-jobs it has. */
  jobCount = -1;
  samplingStep = 0;
  samplingSteps = 0;
  /** What a step counts in the progress text: sampling steps, or an upscaler's tiles in Extras. */
  stepLabel = "Sampling step";
  interrupted = false;
  skipped = false;
  stoppingGeneration = false;
  textinfo = "";
  livePreview: LivePreview | null = null;
  /**
   * What the job could not do as asked — a checkpoint or upscaler that is not installed, no face restorer,
   * an image it could not save; its `info.warnings` (withJobWarnings). Child jobs share them.
   */
  readonly warnings: string[] = [];
  startedAt = 0;
  readonly timestamp: string;

  constructor(readonly id: string) {
    this.timestamp = localTimestamp(new Date());
  }

  start(now = Date.now()): void {
    this.startedAt = now;
  }

  warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }

  interrupt(): void {
    this.interrupted = true;
  }

  skip(): void {
    this.skipped = true;
  }

  /** True when the current batch should stop (interrupt stops everything, skip only this batch). */
  get shouldStop(): boolean {
    return this.interrupted || this.skipped;
  }

  /** Set when a script (X/Y/Z plot) announced the job count of all its child jobs together. */
  private reservedJobs = false;
  /** A script's labelled sub-step is running: child jobs' batches count inside it, not as units of their own. */
  private inSubStep = false;

  /** A script that runs child jobs announces their total batches, so progress spans all of them. */
  reserveJobs(count: number): void {
    this.jobCount = count;
    this.jobNo = 0;
    this.reservedJobs = true;
  }

  /** A (child) job with `batches` batches starts: returns the job number its first batch has. */
  startJobs(batches: number): number {
    if (!this.reservedJobs && !this.inSubStep) {
      this.jobCount = batches;
      return 0;
    }
    return this.jobNo;
  }

  /**
   * A new batch clears Skip, as A1111 does at the start of each batch; a label ("Batch 2 out of 4") replaces the
   * job name. Inside a script's sub-step the batch keeps the sub-step's place and label.
   */
  beginBatch(jobNo: number, label: string): void {
    this.skipped = false;
    this.samplingStep = 0;
    if (this.inSubStep) return;
    this.jobNo = jobNo;
    if (label) this.job = label;
  }

  /** The batch begun as `jobNo` has its images: the next unit starts (A1111's `state.nextjob`). */
  finishBatch(jobNo: number): void {
    this.samplingStep = 0;
    this.samplingSteps = 0;
    if (!this.inSubStep) this.jobNo = jobNo + 1;
  }

  /** Adds `count` units to the job's total (A1111's `state.job_count += n`); later child jobs continue the count. */
  addJobs(count: number): void {
    this.jobCount = Math.max(this.jobCount, 0) + count;
    this.reservedJobs = true;
  }

  /** Starts a labelled sub-step: one unit; the previous sub-step of the same run (`continues`) is done. */
  beginSubStep(label: string, continues: boolean): void {
    if (continues && this.inSubStep) this.jobNo += 1;
    this.inSubStep = true;
    this.job = label;
    this.samplingStep = 0;
    this.samplingSteps = 0;
  }

  /** The last sub-step of a run is done. */
  endSubStep(): void {
    if (!this.inSubStep) return;
    this.inSubStep = false;
    this.jobNo += 1;
    this.samplingStep = 0;
    this.samplingSteps = 0;
  }

  /** Whether a sub-step runs now (a nested run only relabels it). */
  get subStepRunning(): boolean {
    return this.inSubStep;
  }

  beginSampling(steps: number): void {
    this.samplingSteps = steps;
    this.samplingStep = 0;
  }

  setPreview(dataUrl: string): void {
    this.livePreview = { id: (this.livePreview?.id ?? 0) + 1, dataUrl };
  }

  /** Fraction done, A1111's formula without the 0.01 head start of `/sdapi/v1/progress`. */
  fraction(): number {
    if (this.jobCount <= 0) return 0;
    let p = this.jobNo / this.jobCount;
    if (this.samplingSteps > 0) p += (1 / this.jobCount) * (this.samplingStep / this.samplingSteps);
    return Math.min(p, 1);
  }

  /** Seconds left, extrapolated from the elapsed time (A1111's eta_relative). */
  etaSeconds(now = Date.now(), headStart = 0): number {
    const progress = this.fraction() + headStart;
    const elapsed = (now - this.startedAt) / 1000;
    return progress > 0 && this.startedAt ? elapsed / progress - elapsed : 0;
  }
}
