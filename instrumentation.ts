// Next.js start-up hook: bring the history database up to date and reconcile it with the files in
// the outputs folder (imports images saved without a row, flags rows whose file is gone).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startHistory } = await import("@/lib/history/startup");
  await startHistory();
}
