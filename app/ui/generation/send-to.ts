// "Send to img2img / inpaint / extras": a gallery image on its way to another tab's image input,
// with its infotext (img2img applies it as a paste does) and a serial so each send lands once.

export const SEND_TARGETS = [
  { target: "img2img", label: "Send to img2img" },
  { target: "inpaint", label: "Send to inpaint" },
  { target: "extras", label: "Send to extras" },
] as const;

export type SendTarget = (typeof SEND_TARGETS)[number]["target"];

export interface SentImage {
  url: string;
  infotext: string;
}

export interface PendingImage extends SentImage {
  target: SendTarget;
  serial: number;
}
