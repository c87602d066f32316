"use client";
// The txt2img tab: parameters on the left, progress and results on the right (one column on
// narrow screens). Ctrl+Enter / Alt+Enter / Esc work from anywhere while the tab is shown.
import { useEffect, useRef, useState } from "react";
import { Layers } from "lucide-react";
import { ToolButton } from "@/app/ui/controls/tool-button";
import { submitTxt2img } from "@/app/actions/generation";
import { pasteLoraPrompt, pasteScriptArgs } from "@/app/actions/paste";
import { parseGenerationParameters } from "@/lib/infotext/parser";
import type { TabScripts } from "@/lib/scripts/script-descriptors";
import type { Options } from "@/lib/settings/options";
import { SliderField } from "@/app/ui/controls/slider-field";
import { GenerateButtons } from "@/app/ui/generation/generate-buttons";
import { PasteParamsButton } from "@/app/ui/generation/paste-params-button";
import { PromptSection } from "@/app/ui/generation/prompt-section";
import { type PromptBox } from "@/app/ui/generation/prompt-section";
import { ExtraNetworksPanel, toggleCardText } from "@/app/ui/extra-networks/extra-networks-panel";
import { StylesField } from "@/app/ui/styles/styles-field";
import { usePromptStyles } from "@/app/ui/styles/use-prompt-styles";
import { ResultPanel } from "@/app/ui/generation/result-panel";
import { reusableSeeds } from "@/app/ui/generation/reusable-seeds";
import { SamplingSection } from "@/app/ui/generation/sampling-section";
import { SeedSection } from "@/app/ui/generation/seed-section";
import { SizeSection } from "@/app/ui/generation/size-section";
import { ScriptsSection } from "@/app/ui/scripts/scripts-section";
import { defaultScriptsForm, toScriptsRequest, withPastedArgs, type ScriptsForm } from "@/app/ui/scripts/scripts-form";
import type { SendTarget, SentImage } from "@/app/ui/generation/send-to";
import { useGenerationShortcuts } from "@/app/ui/generation/use-generation-shortcuts";
import { useGenerationTask } from "@/app/ui/generation/use-generation-task";
import { HiresSection } from "@/app/ui/txt2img/hires-section";
import { applyInfotext } from "@/app/ui/txt2img/apply-infotext";
import { OverrideChips } from "@/app/ui/txt2img/override-chips";
import type { PendingPaste } from "@/app/ui/txt2img/pending-paste";
import { defaultTxt2imgForm, toGenerationInput, type Txt2imgForm } from "@/app/ui/txt2img/txt2img-form";

interface Txt2imgTabProps {
  /** Only the shown tab reacts to the keyboard shortcuts. */
  active: boolean;
  samplers: readonly string[];
  schedules: readonly string[];
  /** The current settings: overrides are what a pasted infotext changes relative to them. */
  options: Options;
  /** Infotext sent here from another tab; applied once per serial. */
  paste: PendingPaste | null;
  /** Hires fix upscalers: the latent modes, then the image upscalers. */
  hiresUpscalers: readonly string[];
  /** The tab's always-on and selectable scripts (A1111's scripts area). */
  scripts: TabScripts;
  onSendImage: (target: SendTarget, image: SentImage) => void;
  /** A checkpoint card of the Extra Networks panel was clicked. */
  onSelectCheckpoint: (title: string) => void;
}

const ID = "txt2img";

export function Txt2imgTab({ active, samplers, schedules, options, paste, hiresUpscalers, scripts, onSendImage, onSelectCheckpoint }: Txt2imgTabProps) {
  const [form, setForm] = useState<Txt2imgForm>(() => defaultTxt2imgForm(samplers, schedules));
  const [scriptsForm, setScriptsForm] = useState<ScriptsForm>(() => defaultScriptsForm(scripts));
  const update = (patch: Partial<Txt2imgForm>) => setForm((f) => ({ ...f, ...patch }));
  const promptStyles = usePromptStyles();
  const [showNetworks, setShowNetworks] = useState(false);
  const focusedBox = useRef<PromptBox>("prompt");
  const { state, start, interrupt, skip } = useGenerationTask(options.live_preview_refresh_period);
  // The paste button recognises the styles of styles.csv in the prompts, as A1111's "Infer styles" setting says;
  // "Discard" takes their text out of the prompts without selecting them. The scripts' own fields come back from
  // the server, which holds the scripts (docs/extensions.md#pasting-an-infotext), and so do the LoRA tags renamed to
  // the LoRAs installed here (docs/lora.md#pasting-an-infotext), unless the prompt was edited meanwhile.
  const discardStyles = options.infotext_styles === "Discard";
  const pasteInfotext = (infotext: string) => {
    const { ["Styles array"]: styles, ...fields } = parseGenerationParameters(infotext, { styles: promptStyles.styles, inferStyles: options.infotext_styles === "Discard" ? "Apply if any" : options.infotext_styles });
    setForm((f) => applyInfotext(f, discardStyles || styles === undefined ? fields : { ...fields, "Styles array": styles }, options));
    void pasteScriptArgs(ID, fields).then((pasted) => setScriptsForm((f) => withPastedArgs(f, scripts, pasted)));
    void pasteLoraPrompt(fields).then((prompt) => prompt !== null && setForm((f) => (f.prompt === fields.Prompt ? { ...f, prompt } : f)));
  };

  // Only a new serial pastes; a re-render with the same pending paste must not undo later edits.
  const pastedSerial = useRef(0);
  useEffect(() => {
    if (!paste || paste.serial === pastedSerial.current) return;
    pastedSerial.current = paste.serial;
    pasteInfotext(paste.infotext);
  }, [paste, options]);

  const [selected, setSelected] = useState(0);
  useEffect(() => setSelected(0), [state.result]);

  const generate = () => void start(() => submitTxt2img({ ...toGenerationInput(form), ...toScriptsRequest(scriptsForm, scripts) }));

  useGenerationShortcuts({ active, running: state.running, generate, interrupt, skip });

  const shown = state.result?.images[selected] ?? null;
  const reusable = reusableSeeds(shown?.infotext ?? "");

  return (
    <div className="flex flex-col gap-4">
      <div className="grid gap-3 md:grid-cols-[minmax(0,1fr)_14rem]">
        <div className="flex flex-col gap-2">
          <PromptSection idPrefix={ID} form={form} update={update} keyEdit={options} steps={form.steps} onFocusBox={(box) => (focusedBox.current = box)} />
          <div className="flex">
            <ToolButton id={`${ID}_extra_networks_button`} title="Show/hide extra networks" icon={Layers} onClick={() => setShowNetworks((s) => !s)} />
          </div>
          {showNetworks && (
            <ExtraNetworksPanel
              idPrefix={ID}
              onInsert={(text) => setForm((f) => ({ ...f, [focusedBox.current]: toggleCardText(f[focusedBox.current], text) }))}
              onSelectCheckpoint={onSelectCheckpoint}
            />
          )}
        </div>
        <div className="flex flex-col gap-2">
          <OverrideChips id={`${ID}_override_settings`} overrides={form.overrideSettings} onChange={(overrideSettings) => update({ overrideSettings })} />
          <StylesField idPrefix={ID} form={form} update={update} styles={promptStyles.styles} onStylesChange={promptStyles.setStyles} onRefresh={() => void promptStyles.reload()} />
          <GenerateButtons idPrefix={ID} running={state.running} onGenerate={generate} onInterrupt={interrupt} onSkip={skip} />
          <PasteParamsButton idPrefix={ID} prompt={form.prompt} onPaste={pasteInfotext} />
        </div>
      </div>
      <div className="grid items-start gap-4 lg:grid-cols-2">
        <div className="flex flex-col gap-4 rounded-lg border border-zinc-800 bg-zinc-900/60 p-3">
          <SamplingSection idPrefix={ID} form={form} update={update} samplers={samplers} schedules={schedules} />
          <SizeSection idPrefix={ID} form={form} update={update} />
          <HiresSection idPrefix={ID} form={form} update={update} upscalers={hiresUpscalers} samplers={samplers} schedules={schedules} />
          <SliderField id={`${ID}_cfg_scale`} label="CFG Scale" min={1} max={30} step={0.5} value={form.cfgScale} onChange={(cfgScale) => update({ cfgScale })} />
          <SeedSection idPrefix={ID} form={form} update={update} reusable={reusable} />
          <ScriptsSection tab={ID} scripts={scripts} form={scriptsForm} onChange={setScriptsForm} canvas={{ width: form.width, height: form.height }} />
        </div>
        <ResultPanel idPrefix={ID} state={state} selected={selected} onSelect={setSelected} onSend={onSendImage} />
      </div>
    </div>
  );
}
