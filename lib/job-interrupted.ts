// The one exception interrupted work throws: the sampler's model wrapper before a model call, the CFG
// denoiser before a UNet call, the tiled upscaler between tiles. Whoever runs that work catches it and
// keeps what is done so far (A1111 shows an interrupted batch as it is).
export class JobInterrupted extends Error {
  /** `what` names the interrupted work in the message ("sampling", "upscale"). */
  constructor(what: string) {
    super(`${what} interrupted`);
    this.name = "JobInterrupted";
  }
}

/**
 * Whether `error` is an interruption. Tested by name: Next.js gives every route and action bundle its own
 * copy of this module, so the thrower's class need not be the catcher's.
 */
export function isJobInterrupted(error: unknown): error is JobInterrupted {
  return error instanceof Error && error.name === "JobInterrupted";
}
