"use client";
// The filled grey push buttons (TextButton's are bordered instead): the output panel's, which put an icon
// before the word and dim while there is nothing to act on, and the style editor's smaller text-only ones.
// The output panel's Save is a download link, so the look is also handed out on its own.
import type { ReactNode } from "react";

const LOOKS = {
  regular: "flex items-center gap-1.5 rounded bg-zinc-800 px-3 py-1.5 text-sm hover:bg-zinc-700 disabled:cursor-not-allowed disabled:opacity-40",
  small: "rounded bg-zinc-800 px-2 py-0.5 hover:bg-zinc-700",
} as const;

export type FilledButtonSize = keyof typeof LOOKS;

export const filledLook = (size: FilledButtonSize): string => LOOKS[size];

interface FilledButtonProps {
  id: string;
  /** The tooltip. */
  title?: string;
  size: FilledButtonSize;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
}

export function FilledButton({ id, title, size, disabled, onClick, children }: FilledButtonProps) {
  return (
    <button id={id} type="button" title={title} disabled={disabled} onClick={onClick} className={LOOKS[size]}>
      {children}
    </button>
  );
}
