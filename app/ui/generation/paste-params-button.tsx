"use client";
// A1111's ↙️ "paste" button of txt2img and img2img: reads generation parameters from the prompt box,
// or from the last saved image when the prompt is empty (A1111's params.txt), into the tab's form.
import { useState } from "react";
import { ArrowDownLeft } from "lucide-react";
import { infotextTooLong, MAX_INFOTEXT_LENGTH } from "@/lib/infotext/limits";
import { ToolButton } from "@/app/ui/controls/tool-button";

interface PasteParamsButtonProps {
  idPrefix: string;
  prompt: string;
  onPaste: (infotext: string) => void;
}

/** The infotext of the last saved image; "" if none. */
async function lastInfotext(): Promise<string> {
  try {
    const response = await fetch("/api/history?limit=1");
    if (!response.ok) return "";
    const page: { items: Array<{ infotext: string }> } = await response.json();
    return page.items[0]?.infotext ?? "";
  } catch {
    return "";
  }
}

export function PasteParamsButton({ idPrefix, prompt, onPaste }: PasteParamsButtonProps) {
  // With nothing to read (empty box, no saved image yet) the form stays as it is, where A1111 would
  // paste an empty infotext and reset the sampler and the Extra checkbox.
  const [error, setError] = useState<string | null>(null);
  const paste = async () => {
    const infotext = prompt.trim() !== "" ? prompt : await lastInfotext();
    // Refused, not truncated: the parameters a paste reads are the text's last line.
    setError(infotext.length > MAX_INFOTEXT_LENGTH ? infotextTooLong("The text to paste", infotext.length) : null);
    if (infotext.trim() !== "" && infotext.length <= MAX_INFOTEXT_LENGTH) onPaste(infotext);
  };
  return (
    <>
      <div className="flex gap-1">
        <ToolButton id={`${idPrefix}_paste`} title="Read generation parameters from prompt or last generation if prompt is empty into user interface." icon={ArrowDownLeft} onClick={() => void paste()} />
      </div>
      {error && (
        <p id={`${idPrefix}_paste_error`} role="alert" className="text-xs text-red-400">
          {error}
        </p>
      )}
    </>
  );
}
