// A tensor a run left in the inference process (onnx-session.ts `runKeeping`): a plain description the SDK can
// hand to extensions, with nothing of the process itself.
/**
 * An output a run kept in the inference process (`runKeeping`, SDK 1.8, docs/extensions.md#resident-tensors): any
 * later run takes it as a feed without its data crossing the process boundary. It holds memory there until it is
 * freed (`freeResident`), or until the sessions are next reloaded between jobs.
 */
export interface ResidentTensor {
  readonly resident: number;
  /** The inference process that keeps it (inference-process.ts `generation`): one restarted since has lost it. */
  readonly generation: number;
  readonly shape: number[];
}

/** Whether a feed or a run's result is a resident tensor rather than data. */
export const isResident = (t: object): t is ResidentTensor => "resident" in t;
