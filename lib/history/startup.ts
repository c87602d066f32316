// What the server runs once at start (from Next.js `instrumentation.ts`): pending migrations, then the
// outputs ↔ history reconcile, which also repairs whatever a crash mid-save left behind.
import { ensureDatabase } from "@/lib/history/db";
import { reconcileOutputs, type ReconcileResult } from "@/lib/history/reconcile";

export async function startHistory(): Promise<ReconcileResult> {
  ensureDatabase();
  return reconcileOutputs();
}
