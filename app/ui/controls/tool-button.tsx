"use client";
// The small square emoji buttons A1111 puts beside fields (🎲, ♻️, ⇅); `title` doubles as the
// accessible name since the emoji alone says little to a screen reader.

interface ToolButtonProps {
  id: string;
  title: string;
  symbol: string;
  onClick: () => void;
  disabled?: boolean;
}

export function ToolButton({ id, title, symbol, onClick, disabled }: ToolButtonProps) {
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
      {symbol}
    </button>
  );
}
