"use client";
// img2img's Batch sub-tab: the input, output and inpaint mask folders on the server, and "PNG info",
// the parameters taken from each input's own infotext (docs/ui.md#img2img-batch).
import { ServerFolderFields } from "@/app/ui/controls/server-folder-fields";
import { PNG_INFO_FIELDS } from "@/lib/pipeline/img2img-batch";

export interface BatchFolders {
  inputDir: string;
  outputDir: string;
  maskDir: string;
  usePngInfo: boolean;
  pngInfoFields: string[];
}

export const DEFAULT_BATCH_FOLDERS: BatchFolders = { inputDir: "", outputDir: "", maskDir: "", usePngInfo: false, pngInfoFields: [] };

interface BatchSectionProps {
  idPrefix: string;
  batch: BatchFolders;
  update: (patch: Partial<BatchFolders>) => void;
}

export function BatchSection({ idPrefix, batch, update }: BatchSectionProps) {
  const toggle = (field: string, on: boolean) => update({ pngInfoFields: on ? [...batch.pngInfoFields, field] : batch.pngInfoFields.filter((f) => f !== field) });
  return (
    <div className="flex flex-col gap-2">
      <p className="text-xs text-zinc-400">Process the images of a folder on the server; an inpaint mask folder, when given, is used as in Inpaint upload.</p>
      <ServerFolderFields
        fields={[
          { id: `${idPrefix}_batch_input_dir`, label: "Input directory", placeholder: "A folder on the server", value: batch.inputDir, onChange: (inputDir) => update({ inputDir }) },
          { id: `${idPrefix}_batch_output_dir`, label: "Output directory", placeholder: "Leave blank to save images to the default path.", value: batch.outputDir, onChange: (outputDir) => update({ outputDir }) },
          { id: `${idPrefix}_batch_inpaint_mask_dir`, label: "Inpaint batch mask directory (required for inpaint batch processing only)", placeholder: "A folder of masks named as the inputs", value: batch.maskDir, onChange: (maskDir) => update({ maskDir }) },
        ]}
      />
      <label className="flex items-center gap-2 text-sm text-zinc-300">
        <input id={`${idPrefix}_batch_use_png_info`} type="checkbox" checked={batch.usePngInfo} onChange={(e) => update({ usePngInfo: e.target.checked })} />
        Append png info to prompts
      </label>
      <fieldset hidden={!batch.usePngInfo} className="flex flex-wrap gap-3 text-sm text-zinc-300">
        <legend className="text-xs text-zinc-400">Parameters to take from png info (prompts are appended to the ones set here)</legend>
        {PNG_INFO_FIELDS.map((field) => (
          <label key={field} className="flex items-center gap-1">
            <input id={`${idPrefix}_batch_png_info_${field.toLowerCase().replaceAll(" ", "_")}`} type="checkbox" checked={batch.pngInfoFields.includes(field)} onChange={(e) => toggle(field, e.target.checked)} />
            {field}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
