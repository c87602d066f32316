// An extension's load status as a coloured badge; `data-status` is what tests and styles key on.
import type { ExtensionStatus } from "@/lib/scripts/extension-loader";

const LOOK: Record<ExtensionStatus, { label: string; className: string }> = {
  loaded: { label: "loaded", className: "border-emerald-800 bg-emerald-950 text-emerald-300" },
  disabled: { label: "disabled", className: "border-zinc-700 bg-zinc-900 text-zinc-400" },
  failed: { label: "failed", className: "border-red-800 bg-red-950 text-red-300" },
};

export function StatusBadge({ status }: { status: ExtensionStatus }) {
  const look = LOOK[status];
  return (
    <span data-status={status} className={`rounded border px-2 py-0.5 text-xs font-medium ${look.className}`}>
      {look.label}
    </span>
  );
}
