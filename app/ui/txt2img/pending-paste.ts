// Infotext on its way to the txt2img tab ("Send to txt2img" from PNG Info or History): parsed
// fields plus a serial, so the tab applies each send exactly once.
export interface PendingPaste {
  /** parseGenerationParameters output: A1111 keys → text. */
  fields: Record<string, string>;
  serial: number;
}
