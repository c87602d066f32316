// GET /api/history?q=&kind=&model=&sampler=&from=&to=&favourite=&missing=&sort=&cursor=&offset=&limit=
// → { items, nextCursor, total, notice }: the History tab's query for scripts and the API. `notice` tells
// of a recovered history database; an unavailable history answers 503 with the reason.
import { historyNotice, isHistoryUnavailable, withHistory } from "@/lib/history/availability";
import { parseHistoryQuery } from "@/lib/history/query-params";
import { searchHistory } from "@/lib/history/query";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const parsed = parseHistoryQuery(new URL(request.url).searchParams);
  if (!parsed.ok) return Response.json({ error: parsed.error }, { status: 400 });
  try {
    const page = await withHistory(() => searchHistory(parsed.query));
    return Response.json({ ...page, notice: historyNotice() });
  } catch (e) {
    if (isHistoryUnavailable(e)) return Response.json({ error: e.message }, { status: 503 });
    throw e;
  }
}
