"use client";
// Quicksettings: the SD VAE dropdown in the top bar, beside the checkpoint (docs/vae-choice.md). It stores sd_vae
// through the settings action; the next generation decodes with that VAE.
import { applySettings } from "@/app/actions/settings";
import type { Options } from "@/lib/settings/options";
import { ModelSelect } from "@/app/ui/model-select";

interface VaeSelectProps {
  vaes: readonly string[];
  value: string;
  onSaved: (options: Options) => void;
}

export function VaeSelect({ vaes, value, onSaved }: VaeSelectProps) {
  const save = async (sdVae: string) => {
    const result = await applySettings({ sd_vae: sdVae });
    const error = result.errors.sd_vae;
    if (error) return error;
    onSaved(result.options);
    return null;
  };
  // A stored name whose folder has gone stays shown, rather than the dropdown claiming another VAE.
  const choices = vaes.includes(value) ? vaes : [...vaes, value];
  return <ModelSelect setting="sd_vae" statusId="vae_status" label="SD VAE" choices={choices} value={value} maxWidth="max-w-60" save={save} />;
}
