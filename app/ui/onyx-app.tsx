"use client";
// The application shell: the quicksettings bar, the tab bar and every tab's panel. Panels stay
// mounted when hidden so each keeps its form state; state that tabs share (settings, the infotext
// "Send to txt2img" carries, the image "Send to img2img / inpaint / extras" carries) lives here.
import { useState } from "react";
import type { TabScripts } from "@/lib/scripts/script-descriptors";
import type { Options } from "@/lib/settings/options";
import { selectCheckpoint } from "@/app/actions/settings";
import { CheckpointSelect } from "@/app/ui/checkpoint-select";
import { VaeSelect } from "@/app/ui/vae-select";
import { ExtensionsTab } from "@/app/ui/extensions/extensions-tab";
import { ExtrasTab } from "@/app/ui/extras/extras-tab";
import type { PendingImage, SendTarget, SentImage } from "@/app/ui/generation/send-to";
import { Img2imgTab } from "@/app/ui/img2img/img2img-tab";
import { HistoryTab } from "@/app/ui/history/history-tab";
import { PngInfoTab } from "@/app/ui/pnginfo/pnginfo-tab";
import { SettingsTab } from "@/app/ui/settings/settings-tab";
import type { SettingField } from "@/app/ui/settings/setting-fields";
import { TABS, type TabId } from "@/app/ui/tabs";
import { TabList, type TabItem } from "@/app/ui/controls/tab-list";
import type { PendingPaste } from "@/app/ui/txt2img/pending-paste";
import { Txt2imgTab } from "@/app/ui/txt2img/txt2img-tab";
import { useHashTab } from "@/app/ui/use-hash-tab";

export interface OnyxAppProps {
  /** Checkpoint titles ("name [hash]"), sorted. */
  checkpoints: string[];
  /** The title of the checkpoint generations will use. */
  checkpoint: string;
  /** The `sd_vae` choices: Automatic, None and the VAE folders of models/VAE. */
  vaes: string[];
  samplers: string[];
  schedules: string[];
  /** Image upscalers by name (None, Lanczos, Nearest, models), for Extras. */
  upscalers: string[];
  /** Hires fix's choices: the latent modes, then the image upscalers. */
  hiresUpscalers: string[];
  /** History kinds (txt2img, img2img, extras, grid), for the History tab's filter. */
  imageKinds: string[];
  options: Options;
  settingFields: SettingField[];
  /** Each generation tab's scripts and X/Y/Z axes, as plain data. */
  scripts: Record<"txt2img" | "img2img", TabScripts>;
  /** Set when the server listens on every interface without credentials (lib/security/exposure.ts). */
  exposureWarning: string | null;
}

const SHELL_TABS: ReadonlyArray<TabItem<TabId>> = TABS.map((t) => ({ value: t.id, label: t.label, id: `tab-${t.id}`, controls: `panel-${t.id}` }));

export function OnyxApp({ checkpoints, checkpoint: initialCheckpoint, vaes, samplers, schedules, upscalers, hiresUpscalers, imageKinds, options: initialOptions, settingFields, scripts, exposureWarning }: OnyxAppProps) {
  const [tab, selectTab] = useHashTab("txt2img");
  const [options, setOptions] = useState(initialOptions);
  const [checkpoint, setCheckpoint] = useState(initialCheckpoint);
  const [paste, setPaste] = useState<PendingPaste | null>(null);
  const [sentImage, setSentImage] = useState<PendingImage | null>(null);

  // A checkpoint card in Extra Networks selects it as the top bar's dropdown does.
  const selectCheckpointCard = (title: string) =>
    void selectCheckpoint(title).then((result) => {
      if (result.ok) setCheckpoint(result.checkpoint);
    });

  const sendToTxt2img = (infotext: string) => {
    // A fresh serial makes sending the same infotext twice paste twice.
    setPaste((previous) => ({ infotext, serial: (previous?.serial ?? 0) + 1 }));
    selectTab("txt2img");
  };

  // "Send to img2img / inpaint / extras": the target tab fetches the image itself.
  const sendImage = (target: SendTarget, image: SentImage) => {
    setSentImage((previous) => ({ ...image, target, serial: (previous?.serial ?? 0) + 1 }));
    selectTab(target === "extras" ? "extras" : "img2img");
  };

  const panel = (id: TabId) => {
    switch (id) {
      case "txt2img":
        return (
          <Txt2imgTab active={tab === "txt2img"} samplers={samplers} schedules={schedules} options={options} paste={paste} hiresUpscalers={hiresUpscalers} scripts={scripts.txt2img} onSendImage={sendImage} onSelectCheckpoint={selectCheckpointCard} />
        );
      case "img2img":
        return <Img2imgTab active={tab === "img2img"} samplers={samplers} schedules={schedules} options={options} incoming={sentImage} scripts={scripts.img2img} onSendImage={sendImage} onSelectCheckpoint={selectCheckpointCard} />;
      case "extras":
        return <ExtrasTab active={tab === "extras"} upscalers={upscalers} options={options} incoming={sentImage} onSendImage={sendImage} />;
      case "pnginfo":
        return <PngInfoTab onSendToTxt2img={sendToTxt2img} onSendImage={sendImage} />;
      case "history":
        return <HistoryTab active={tab === "history"} samplers={samplers} kinds={imageKinds} onSendToTxt2img={sendToTxt2img} onSendImage={sendImage} />;
      case "settings":
        return <SettingsTab fields={settingFields} options={options} onApplied={setOptions} />;
      case "extensions":
        return <ExtensionsTab active={tab === "extensions"} />;
    }
  };

  return (
    <div className="mx-auto flex min-h-screen max-w-[1800px] flex-col gap-3 p-3">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-lg font-bold tracking-tight text-orange-500">Onyx</h1>
        <div className="flex flex-wrap items-center gap-3">
          <CheckpointSelect checkpoints={checkpoints} value={checkpoint} onSaved={setCheckpoint} />
          <VaeSelect vaes={vaes} value={options.sd_vae} onSaved={(saved) => setOptions(saved)} />
        </div>
      </header>
      <TabList label="Tabs" look="page" tabs={SHELL_TABS} value={tab} onChange={selectTab} />
      {TABS.map((t) => (
        <section key={t.id} id={`panel-${t.id}`} role="tabpanel" aria-labelledby={`tab-${t.id}`} hidden={tab !== t.id}>
          {panel(t.id)}
        </section>
      ))}
      {exposureWarning && (
        <footer role="alert" className="mt-auto rounded border border-amber-700 bg-amber-950 px-3 py-2 text-sm text-amber-200">
          {exposureWarning}
        </footer>
      )}
    </div>
  );
}
