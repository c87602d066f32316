"use client";
// Quicksettings: the Stable Diffusion checkpoint dropdown in the top bar. The server checks the choice's folder
// before it stores sd_model_checkpoint.
import { selectCheckpoint } from "@/app/actions/settings";
import { ModelSelect } from "@/app/ui/model-select";

interface CheckpointSelectProps {
  checkpoints: readonly string[];
  value: string;
  onSaved: (title: string) => void;
}

export function CheckpointSelect({ checkpoints, value, onSaved }: CheckpointSelectProps) {
  const save = async (title: string) => {
    const result = await selectCheckpoint(title);
    if (!result.ok) return result.error;
    onSaved(result.checkpoint);
    return null;
  };
  return <ModelSelect setting="sd_model_checkpoint" statusId="checkpoint_status" label="Stable Diffusion checkpoint" choices={checkpoints} value={value} emptyText="no checkpoints found" maxWidth="max-w-80" save={save} />;
}
