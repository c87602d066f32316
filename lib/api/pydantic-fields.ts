// Field builders for A1111 request models. A1111 declares them with pydantic v1, so a wrong type is
// reported with pydantic's words ("value is not a valid integer", type "type_error.integer") and
// clients that match on those keep working. Unlike pydantic v1, numbers are not coerced from
// strings and 7.5 is not truncated to an int: such values are rejected.
import { z } from "zod";

const PYDANTIC_TYPES = {
  "value is not a valid integer": "type_error.integer",
  "value is not a valid float": "type_error.float",
  "str type expected": "type_error.str",
  "value could not be parsed to a boolean": "type_error.bool",
  "value is not a valid dict": "type_error.dict",
  "value is not a valid list": "type_error.list",
  "none is not an allowed value": "type_error.none.not_allowed",
  "field required": "value_error.missing",
} as const;

type PydanticMessage = keyof typeof PYDANTIC_TYPES;

/** Missing and null inputs get pydantic's own messages, any other wrong input `msg`. */
const wrongType = (msg: PydanticMessage) => ({
  error: (issue: { input?: unknown }): PydanticMessage =>
    issue.input === undefined ? "field required" : issue.input === null ? "none is not an allowed value" : msg,
});

export const int = () => z.number(wrongType("value is not a valid integer")).int(wrongType("value is not a valid integer"));
export const float = () => z.number(wrongType("value is not a valid float"));
export const str = () => z.string(wrongType("str type expected"));
export const bool = () => z.boolean(wrongType("value could not be parsed to a boolean"));
export const dict = () => z.record(z.string(), z.unknown(), wrongType("value is not a valid dict"));
export const list = () => z.array(z.unknown(), wrongType("value is not a valid list"));

/** pydantic v1's error type for a zod issue (our own messages first, then by issue code). */
export function pydanticErrorType(issue: z.core.$ZodIssue): string {
  const own = PYDANTIC_TYPES[issue.message as PydanticMessage];
  if (own) return own;
  if (issue.code === "too_big") return "value_error.number.not_le";
  if (issue.code === "too_small") return "value_error.number.not_ge";
  if (issue.code === "not_multiple_of") return "value_error.number.not_multiple";
  return "value_error";
}
