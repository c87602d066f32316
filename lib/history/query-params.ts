// GET /api/history's query string → a HistoryQuery, validated with zod.
import { z } from "zod";
import { IMAGE_KINDS } from "@/lib/images/output-naming";
import { decodeCursor, type HistoryQuery } from "@/lib/history/query";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A date (`YYYY-MM-DD`, local midnight, as the History tab's date pickers give it) or an ISO date-time. */
const dateParam = z.string().transform((text, ctx) => {
  const date = DATE_ONLY.test(text) ? new Date(`${text}T00:00:00`) : new Date(text);
  if (Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: "custom", message: "expected YYYY-MM-DD or an ISO date-time" });
    return z.NEVER;
  }
  return date;
});

const boolParam = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

const schema = z.object({
  q: z.string().max(1000).optional(),
  kind: z.enum(IMAGE_KINDS as [string, ...string[]]).optional(),
  model: z.string().min(1).max(500).optional(),
  sampler: z.string().min(1).max(200).optional(),
  from: dateParam.optional(),
  to: z.string().optional(),
  favourite: boolParam.optional(),
  missing: boolParam.optional(),
  sort: z.enum(["desc", "asc"]).optional(),
  cursor: z
    .string()
    .refine((c) => {
      try {
        decodeCursor(c);
        return true;
      } catch {
        return false;
      }
    }, "invalid cursor")
    .optional(),
  offset: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export type ParsedHistoryQuery = { ok: true; query: HistoryQuery } | { ok: false; error: string };

export function parseHistoryQuery(params: URLSearchParams): ParsedHistoryQuery {
  const raw = Object.fromEntries([...params].filter(([, value]) => value !== ""));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join(".") || "query"}: ${i.message}`).join("; ") };
  }
  const { to, missing, ...rest } = parsed.data;
  let toDate: Date | undefined;
  if (to !== undefined) {
    const end = dateParam.safeParse(to);
    if (!end.success) return { ok: false, error: "to: expected YYYY-MM-DD or an ISO date-time" };
    // A bare date as the end of a range means "through that day".
    toDate = DATE_ONLY.test(to) ? new Date(end.data.getFullYear(), end.data.getMonth(), end.data.getDate() + 1) : end.data;
  }
  return { ok: true, query: { ...rest, kind: rest.kind as HistoryQuery["kind"], to: toDate, includeMissing: missing } };
}
