"use client";
// The filled grey push buttons (TextButton's are bordered instead): the output panel's, which put an icon
// before the word; the Send to … row's and PNG Info's, text only; both dim while there is nothing to act on;
// and the style editor's smaller ones. The output panel's Save is a download link, so the look is also handed
// out on its own.
import type { ReactNode } from "react";

const LOOKS = {
  withIcon: "flex items-center gap-1.5 rounded bg-zinc-800 px-3 py-1.5 text-sm hover:bg-zinc-700 disabled:cursor-not-allowed disabled:opacity-40",
  text: "rounded bg-zinc-800 px-3 py-1.5 text-sm hover:bg-zinc-700 disabled:cursor-not-allowed disabled:opacity-40",
  small: "rounded bg-zinc-800 px-2 py-0.5 hover:bg-zinc-700",
} as const;

export type FilledButtonLook = keyof typeof LOOKS;

export const filledLook = (look: FilledButtonLook): string => LOOKS[look];

interface FilledButtonProps {
  id: string;
  look: FilledButtonLook;
  /** The tooltip. */
  title?: string;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
}

export function FilledButton({ id, look, title, disabled, onClick, children }: FilledButtonProps) {
  return (
    <button id={id} type="button" title={title} disabled={disabled} onClick={onClick} className={LOOKS[look]}>
      {children}
    </button>
  );
}
