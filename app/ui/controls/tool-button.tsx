"use client";
// The small square icon buttons A1111 puts beside fields (random seed, reuse seed, swap sizes);
// `title` is the tooltip and the accessible name, since the picture alone says little.
import type { LucideIcon } from "lucide-react";
import { Icon } from "@/app/ui/controls/svg-icon";

interface ToolButtonProps {
  id: string;
  title: string;
  icon: LucideIcon;
  onClick: () => void;
  disabled?: boolean;
}

export function ToolButton({ id, title, icon, onClick, disabled }: ToolButtonProps) {
  return (
    <button
      id={id}
      type="button"
      title={title}
      aria-label={title}
      disabled={disabled}
      onClick={onClick}
      className="flex h-8 w-8 shrink-0 items-center justify-center rounded border border-zinc-700 bg-zinc-800 text-sm hover:bg-zinc-700 disabled:opacity-40"
    >
      <Icon icon={icon} title={title} />
    </button>
  );
}
