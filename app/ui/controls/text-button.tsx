"use client";
// The small bordered text buttons inside a section (Add region, Save regions, Remove), and the same look for
// picking a file: a label over a hidden file input, so the picker opens on click and a keyboard user reaches the
// input itself.
import type { ReactNode } from "react";

const LOOK = "rounded border border-zinc-700 px-2 py-0.5 text-zinc-300 hover:bg-zinc-800 disabled:opacity-40";

interface TextButtonProps {
  id: string;
  onClick: () => void;
  disabled?: boolean;
  /** Placement in the caller's layout (e.g. `self-start`). */
  className?: string;
  children: ReactNode;
}

export function TextButton({ id, onClick, disabled, className = "", children }: TextButtonProps) {
  return (
    <button type="button" id={id} disabled={disabled} onClick={onClick} className={`${LOOK} ${className}`}>
      {children}
    </button>
  );
}

interface FileButtonProps {
  /** The file input's id. */
  id: string;
  accept: string;
  onFile: (file: File) => void;
  children: ReactNode;
}

export function FileButton({ id, accept, onFile, children }: FileButtonProps) {
  return (
    <>
      <label htmlFor={id} className={`cursor-pointer ${LOOK}`}>
        {children}
      </label>
      <input
        id={id}
        type="file"
        accept={accept}
        className="sr-only"
        onChange={(e) => {
          const file = e.target.files?.[0];
          // Choosing the same file again must fire onChange again.
          e.target.value = "";
          if (file) onFile(file);
        }}
      />
    </>
  );
}
