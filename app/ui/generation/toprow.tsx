"use client";
// A1111's top row of txt2img and img2img (modules/ui_toprow.py): the prompt boxes with the Extra Networks toggle,
// and beside them the override chips, the styles, Generate / Interrupt / Skip and the ↙️ paste button. Each tab
// keeps its own form, task and paste (app/ui/generation/paste-infotext.ts).
import type { Options } from "@/lib/settings/options";
import { PromptsWithNetworks } from "@/app/ui/extra-networks/prompts-with-networks";
import type { FormSectionProps } from "@/app/ui/generation/form-section";
import { GenerateButtons } from "@/app/ui/generation/generate-buttons";
import { PasteParamsButton } from "@/app/ui/generation/paste-params-button";
import type { PromptFields } from "@/app/ui/generation/prompt-section";
import { StylesField } from "@/app/ui/styles/styles-field";
import type { usePromptStyles } from "@/app/ui/styles/use-prompt-styles";
import { OverrideChips } from "@/app/ui/txt2img/override-chips";

type ToprowFields = PromptFields & { steps: number; overrideSettings: Partial<Options> };

interface ToprowProps extends FormSectionProps<ToprowFields> {
  /** The current settings (Ctrl+Up/Down's steps and delimiters among them). */
  options: Options;
  promptStyles: ReturnType<typeof usePromptStyles>;
  running: boolean;
  onGenerate: () => void;
  onInterrupt: () => void;
  onSkip: () => void;
  onPaste: (infotext: string) => void;
  /** A checkpoint card of the Extra Networks panel was clicked. */
  onSelectCheckpoint: (title: string) => void;
}

export function Toprow({ idPrefix, form, update, options, promptStyles, running, onGenerate, onInterrupt, onSkip, onPaste, onSelectCheckpoint }: ToprowProps) {
  return (
    <div className="grid gap-3 md:grid-cols-[minmax(0,1fr)_14rem]">
      <PromptsWithNetworks idPrefix={idPrefix} form={form} update={update} keyEdit={options} steps={form.steps} onSelectCheckpoint={onSelectCheckpoint} />
      <div className="flex flex-col gap-2">
        <OverrideChips id={`${idPrefix}_override_settings`} overrides={form.overrideSettings} onChange={(overrideSettings) => update({ overrideSettings })} />
        <StylesField idPrefix={idPrefix} form={form} update={update} styles={promptStyles.styles} onStylesChange={promptStyles.setStyles} onRefresh={() => void promptStyles.reload()} />
        <GenerateButtons idPrefix={idPrefix} running={running} onGenerate={onGenerate} onInterrupt={onInterrupt} onSkip={onSkip} />
        <PasteParamsButton idPrefix={idPrefix} prompt={form.prompt} onPaste={onPaste} />
      </div>
    </div>
  );
}
