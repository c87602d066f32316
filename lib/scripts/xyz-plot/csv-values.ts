// A1111 reads an axis' value text with Python's `csv.reader(StringIO(text), skipinitialspace=True)`,
// chains every record into one list and strips each item.
import { csvRecords } from "@/lib/csv/python-csv";

/** Every field of every record of `text`, in order, each trimmed. */
export function csvValues(text: string): string[] {
  return csvRecords(text, { skipInitialSpace: true }).flat().map((field) => field.trim());
}
