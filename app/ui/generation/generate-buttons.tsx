"use client";
// The big Generate button, which turns into Interrupt + Skip while the tab's job runs.

interface GenerateButtonsProps {
  idPrefix: string;
  running: boolean;
  onGenerate: () => void;
  onInterrupt: () => void;
  onSkip: () => void;
}

export function GenerateButtons({ idPrefix, running, onGenerate, onInterrupt, onSkip }: GenerateButtonsProps) {
  const base = "h-14 rounded font-semibold text-white transition-colors";
  if (!running)
    return (
      <button id={`${idPrefix}_generate`} type="button" onClick={onGenerate} className={`${base} w-full bg-orange-600 text-lg hover:bg-orange-500`}>
        Generate
      </button>
    );
  return (
    <div className="grid grid-cols-2 gap-2">
      <button id={`${idPrefix}_interrupt`} type="button" onClick={onInterrupt} className={`${base} bg-zinc-700 hover:bg-zinc-600`}>
        Interrupt
      </button>
      <button id={`${idPrefix}_skip`} type="button" onClick={onSkip} className={`${base} bg-zinc-700 hover:bg-zinc-600`}>
        Skip
      </button>
    </div>
  );
}
