"use client";
// A file input that also takes a dropped file: the whole zone is the input's label, so a click
// opens the file picker and a drop hands over the first file.
import { useState, type ReactNode } from "react";

interface ImageDropZoneProps {
  id: string;
  accept: string;
  onFile: (file: File) => void;
  children: ReactNode;
}

export function ImageDropZone({ id, accept, onFile, children }: ImageDropZoneProps) {
  const [dragging, setDragging] = useState(false);
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
        const file = e.dataTransfer.files[0];
        if (file) onFile(file);
      }}
      className={`flex min-h-64 cursor-pointer flex-col items-center justify-center gap-2 rounded border-2 border-dashed p-2 text-sm text-zinc-500 ${dragging ? "border-orange-500 bg-orange-950/20" : "border-zinc-700 hover:border-zinc-500"}`}
    >
      <input
        id={id}
        type="file"
        accept={accept}
        className="sr-only"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) onFile(file);
          // Choosing the same file again must fire onChange again.
          e.target.value = "";
        }}
      />
      {children}
    </label>
  );
}
