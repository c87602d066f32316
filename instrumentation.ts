// Next.js start-up hook: refuse to serve credentials-protected content without the request gate,
// then bring the history up (see lib/history/startup.ts); neither may stop the server from answering.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { requireRequestGate } = await import("@/lib/security/gate-presence");
  requireRequestGate();
  const { startHistory } = await import("@/lib/history/startup");
  startHistory();
}
