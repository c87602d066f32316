"use client";
// A generation tab's prompt boxes with A1111's "Show/hide extra networks" button under them and, when shown, the
// Extra Networks panel, whose cards go into the box that had the focus last — on txt2img and img2img alike.
import { useRef, useState, type ComponentProps } from "react";
import { Layers } from "lucide-react";
import { ToolButton } from "@/app/ui/controls/tool-button";
import { ExtraNetworksPanel, toggleCardText } from "@/app/ui/extra-networks/extra-networks-panel";
import { PromptSection, type PromptBox } from "@/app/ui/generation/prompt-section";

type PromptsWithNetworksProps = Omit<ComponentProps<typeof PromptSection>, "onFocusBox"> & {
  /** A checkpoint card was clicked. */
  onSelectCheckpoint: (title: string) => void;
};

export function PromptsWithNetworks({ onSelectCheckpoint, ...prompts }: PromptsWithNetworksProps) {
  const { idPrefix, form, update } = prompts;
  const [shown, setShown] = useState(false);
  const focused = useRef<PromptBox>("prompt");
  return (
    <div className="flex flex-col gap-2">
      <PromptSection {...prompts} onFocusBox={(box) => (focused.current = box)} />
      <div className="flex">
        <ToolButton id={`${idPrefix}_extra_networks_button`} title="Show/hide extra networks" icon={Layers} onClick={() => setShown((s) => !s)} />
      </div>
      {shown && <ExtraNetworksPanel idPrefix={idPrefix} onInsert={(text) => update({ [focused.current]: toggleCardText(form[focused.current], text) })} onSelectCheckpoint={onSelectCheckpoint} />}
    </div>
  );
}
