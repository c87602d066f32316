"use client";
// The txt2img tab: parameters on the left, progress and results on the right (one column on
// narrow screens). Ctrl+Enter / Alt+Enter / Esc work from anywhere while the tab is shown.
import { useEffect, useRef, useState } from "react";
import { submitTxt2img } from "@/app/actions/generation";
import type { TabScripts } from "@/lib/scripts/script-descriptors";
import type { Options } from "@/lib/settings/options";
import { SliderField } from "@/app/ui/controls/slider-field";
import { pasteInfotext } from "@/app/ui/generation/paste-infotext";
import { Toprow } from "@/app/ui/generation/toprow";
import { usePromptStyles } from "@/app/ui/styles/use-prompt-styles";
import { ResultPanel } from "@/app/ui/generation/result-panel";
import { reusableSeeds } from "@/app/ui/generation/reusable-seeds";
import { SamplingSection } from "@/app/ui/generation/sampling-section";
import { SeedSection } from "@/app/ui/generation/seed-section";
import { SizeSection } from "@/app/ui/generation/size-section";
import { ScriptsSection } from "@/app/ui/scripts/scripts-section";
import { defaultScriptsForm, toScriptsRequest, type ScriptsForm } from "@/app/ui/scripts/scripts-form";
import type { SendTarget, SentImage } from "@/app/ui/generation/send-to";
import { useGenerationShortcuts } from "@/app/ui/generation/use-generation-shortcuts";
import { useGenerationTask } from "@/app/ui/generation/use-generation-task";
import { HiresSection } from "@/app/ui/txt2img/hires-section";
import { applyInfotext } from "@/app/ui/txt2img/apply-infotext";
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
  const { state, start, interrupt, skip } = useGenerationTask(options.live_preview_refresh_period);
  const pasteInto = (infotext: string) => pasteInfotext(infotext, { tab: ID, options, styles: promptStyles.styles, scripts, setForm, setScriptsForm, apply: applyInfotext });

  // Only a new serial pastes; a re-render with the same pending paste must not undo later edits.
  const pastedSerial = useRef(0);
  useEffect(() => {
    if (!paste || paste.serial === pastedSerial.current) return;
    pastedSerial.current = paste.serial;
    pasteInto(paste.infotext);
  }, [paste, options]);

  const [selected, setSelected] = useState(0);
  useEffect(() => setSelected(0), [state.result]);

  const generate = () => void start(() => submitTxt2img({ ...toGenerationInput(form), ...toScriptsRequest(scriptsForm, scripts) }));

  useGenerationShortcuts({ active, running: state.running, generate, interrupt, skip });

  const shown = state.result?.images[selected] ?? null;
  const reusable = reusableSeeds(shown?.infotext ?? "");

  return (
    <div className="flex flex-col gap-4">
      <Toprow idPrefix={ID} form={form} update={update} options={options} promptStyles={promptStyles} running={state.running} onGenerate={generate} onInterrupt={interrupt} onSkip={skip} onPaste={pasteInto} onSelectCheckpoint={onSelectCheckpoint} />
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
