"use client";
// The row of "Send to …" buttons under a result gallery or a single image (History, PNG Info).
import { FilledButton } from "@/app/ui/controls/filled-button";
import { SEND_TARGETS, type SendTarget, type SentImage } from "@/app/ui/generation/send-to";

interface SendToButtonsProps {
  /** Element id prefix: "txt2img" gives txt2img_send_img2img, txt2img_send_inpaint, … */
  idPrefix: string;
  /** The image to send; the buttons are disabled without one. */
  image: SentImage | null;
  onSend: (target: SendTarget, image: SentImage) => void;
}

export function SendToButtons({ idPrefix, image, onSend }: SendToButtonsProps) {
  return (
    <div className="flex flex-wrap gap-2">
      {SEND_TARGETS.map(({ target, label }) => (
        <FilledButton key={target} id={`${idPrefix}_send_${target}`} look="text" disabled={!image} onClick={() => image && onSend(target, image)}>
          {label}
        </FilledButton>
      ))}
    </div>
  );
}
