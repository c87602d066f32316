// GET /api/history/<id> → one history item (with its full infotext), 404 if there is none.
import { getHistoryImage } from "@/lib/history/query";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  if (!/^\d{1,15}$/.test(id)) return Response.json({ error: "id must be a positive integer" }, { status: 400 });
  const item = await getHistoryImage(Number(id));
  return item ? Response.json(item) : Response.json({ error: `no image ${id}` }, { status: 404 });
}
