"use client";
// A file input that also takes dropped files: the whole zone is the input's label, so a click
// opens the file picker and a drop hands over the files (the first one unless `multiple`).
import { useState, type ReactNode } from "react";

interface ImageDropZoneProps {
  id: string;
  accept: string;
  onFile: (file: File) => void;
  /** Batch uploads: every picked or dropped file is handed over, in order. */
  multiple?: boolean;
  children: ReactNode;
}

export function ImageDropZone({ id, accept, onFile, multiple = false, children }: ImageDropZoneProps) {
  const [dragging, setDragging] = useState(false);
  const hand = (files: FileList | null | undefined) => {
    const list = [...(files ?? [])];
    for (const file of multiple ? list : list.slice(0, 1)) onFile(file);
  };
  return (
    <label
      htmlFor={id}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        hand(e.dataTransfer.files);
      }}
      className={`flex min-h-64 cursor-pointer flex-col items-center justify-center gap-2 rounded border-2 border-dashed p-2 text-sm text-zinc-500 ${dragging ? "border-orange-500 bg-orange-950/20" : "border-zinc-700 hover:border-zinc-500"}`}
    >
      <input
        id={id}
        type="file"
        accept={accept}
        multiple={multiple}
        className="sr-only"
        onChange={(e) => {
          hand(e.target.files);
          // Choosing the same file again must fire onChange again.
          e.target.value = "";
        }}
      />
      {children}
    </label>
  );
}
