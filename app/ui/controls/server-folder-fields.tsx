"use client";
// Text boxes for folders on the server (Extras "Batch from Directory", img2img Batch) with the note on
// whose rights they are read and written with (docs/security.md#server-folders).
export interface ServerFolderField {
  id: string;
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
}

export function ServerFolderFields({ fields }: { fields: readonly ServerFolderField[] }) {
  return (
    <>
      {fields.map((field) => (
        <label key={field.id} className="flex flex-col gap-1 text-sm text-zinc-300">
          {field.label}
          <input
            id={field.id}
            type="text"
            value={field.value}
            placeholder={field.placeholder}
            onChange={(e) => field.onChange(e.target.value)}
            className="rounded border border-zinc-700 bg-zinc-950 px-2 py-1 font-mono text-sm focus:border-orange-500 focus:outline-none"
          />
        </label>
      ))}
      <p className="text-xs text-zinc-500">Folders on the machine Onyx runs on, read and written with its rights; refused when Onyx listens on the network without credentials.</p>
    </>
  );
}
