// Infotext on its way to the txt2img tab ("Send to txt2img" from PNG Info or History): the text plus
// a serial, so the tab pastes each send exactly once, the way its paste button does.
export interface PendingPaste {
  infotext: string;
  serial: number;
}
