// What the server runs once at start (from Next.js `instrumentation.ts`): the database checked,
// migrated — or replaced when damaged (lib/history/availability.ts) — synchronously, which is quick;
// then the outputs ↔ history reconcile, which also repairs whatever a crash mid-save left behind, in
// the background and in slices, so the server answers from its first request on.
import { prepareHistoryDatabase, reconcileInBackground } from "@/lib/history/availability";

export function startHistory(): void {
  prepareHistoryDatabase();
  setTimeout(() => void reconcileInBackground(), 0);
}
