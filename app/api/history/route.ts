// GET /api/history?q=&kind=&model=&sampler=&from=&to=&favourite=&missing=&sort=&cursor=&offset=&limit=
// → { items, nextCursor, total }: the History tab's query for scripts and the API.
import { parseHistoryQuery } from "@/lib/history/query-params";
import { searchHistory } from "@/lib/history/query";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const parsed = parseHistoryQuery(new URL(request.url).searchParams);
  if (!parsed.ok) return Response.json({ error: parsed.error }, { status: 400 });
  return Response.json(await searchHistory(parsed.query));
}
