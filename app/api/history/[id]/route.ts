// GET /api/history/<id> → one history item (with its full infotext), 404 if there is none, 503 while
// the history is unavailable.
import { isHistoryUnavailable, withHistory } from "@/lib/history/availability";
import { getHistoryImage } from "@/lib/history/query";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  if (!/^\d{1,15}$/.test(id)) return Response.json({ error: "id must be a positive integer" }, { status: 400 });
  try {
    const item = await withHistory(() => getHistoryImage(Number(id)));
    return item ? Response.json(item) : Response.json({ error: `no image ${id}` }, { status: 404 });
  } catch (e) {
    if (isHistoryUnavailable(e)) return Response.json({ error: e.message }, { status: 503 });
    throw e;
  }
}
