// How long an infotext may be where one comes in from outside (docs/security.md#size-and-nesting-limits):
// the API's `infotext` field, a PNG's `parameters` text in PNG Info, the UI's paste, and the start-up
// reconcile. A1111's own infotexts are a few kilobytes (a 50,000-character prompt — the longest a job
// takes — still fits); the parser is linear, so the bound is about memory and what a human pastes.
export const MAX_INFOTEXT_LENGTH = 128 * 1024;

/** The message for an infotext over the limit, naming where it came from. */
export function infotextTooLong(what: string, length: number): string {
  return `${what} is ${length} characters long; infotexts of at most ${MAX_INFOTEXT_LENGTH} characters are read`;
}
