// Query parameters read as FastAPI reads them (pydantic v1 booleans: true/false, 1/0, yes/no, on/off).
import { RequestValidationError } from "@/lib/api/errors";

const TRUE = new Set(["true", "1", "yes", "on"]);
const FALSE = new Set(["false", "0", "no", "off"]);

export function queryBoolean(request: Request, name: string, fallback: boolean): boolean {
  const raw = new URL(request.url).searchParams.get(name);
  if (raw === null) return fallback;
  const value = raw.toLowerCase();
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  throw new RequestValidationError([{ loc: ["query", name], msg: "value could not be parsed to a boolean", type: "type_error.bool" }]);
}
