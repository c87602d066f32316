// The panel of a tab that is not built yet.

export function ComingSoon({ title }: { title: string }) {
  return (
    <div className="flex h-64 flex-col items-center justify-center gap-1 rounded-lg border border-dashed border-zinc-800 text-zinc-500">
      <p className="text-base font-medium text-zinc-400">{title}</p>
      <p className="text-sm">Coming soon.</p>
    </div>
  );
}
