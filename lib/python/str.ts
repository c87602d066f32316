// Python's `str(value)` of the scalars A1111 writes into infotexts and JSON (docs/python-values.md). A JS
// number cannot tell the int 7 from the float 7.0, so an integral float is marked with `pyFloat`.
import { formatPythonFloat } from "@/lib/python/float";

/** A Python float: printed with ".0" or an exponent even when integral (`pyFloat(7)` → "7.0"). */
export interface PyFloat {
  readonly pyFloat: number;
}

export function pyFloat(value: number): PyFloat {
  return { pyFloat: value };
}

/** A Python scalar: number is an int when integral, else a float; use `pyFloat` for an integral float. */
export type PythonScalar = string | number | boolean | PyFloat;

/** Python's `str(value)`: `True`/`False`, ints in full, floats as `repr`. */
export function pythonStr(value: PythonScalar): string {
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return Number.isInteger(value) ? BigInt(value).toString() : formatPythonFloat(value);
  return formatPythonFloat(value.pyFloat);
}
