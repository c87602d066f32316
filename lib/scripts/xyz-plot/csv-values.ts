// A1111 reads an axis' value text with Python's `csv.reader(StringIO(text), skipinitialspace=True)`
// (excel dialect, non-strict), chains every record into one list and strips each item. This is that
// reader's state machine, so quoting quirks (`"a"b` → `ab`, a stray quote mid-field kept literally,
// several lines flattened into one list) come out as they do in A1111.

type State = "startRecord" | "startField" | "inField" | "inQuoted" | "quoteInQuoted" | "eatNewline";

const END_OF_LINE = "\0";

/** Every field of every record of `text`, in order, each trimmed. */
export function csvValues(text: string): string[] {
  const fields: string[] = [];
  let field = "";
  let state: State = "startRecord";

  const save = () => {
    fields.push(field.trim());
    field = "";
  };

  // StringIO yields lines split after "\n"; the C reader then sees each line's characters and a NUL.
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  for (const line of lines) {
    for (const c of [...line, END_OF_LINE]) {
      const newline = c === "\n" || c === "\r";
      switch (state) {
        case "startRecord":
          if (c === END_OF_LINE) break;
          if (newline) {
            state = "eatNewline";
            break;
          }
          state = "startField";
        // falls through: the character starts the first field
        case "startField":
          if (newline || c === END_OF_LINE) {
            save();
            state = c === END_OF_LINE ? "startRecord" : "eatNewline";
          } else if (c === '"') state = "inQuoted";
          else if (c === " ") break; // skipinitialspace
          else if (c === ",") save();
          else {
            field += c;
            state = "inField";
          }
          break;
        case "inField":
          if (newline || c === END_OF_LINE) {
            save();
            state = c === END_OF_LINE ? "startRecord" : "eatNewline";
          } else if (c === ",") {
            save();
            state = "startField";
          } else field += c;
          break;
        case "inQuoted":
          if (c === '"') state = "quoteInQuoted";
          else if (c !== END_OF_LINE) field += c;
          break;
        case "quoteInQuoted":
          if (c === '"') {
            field += c; // "" inside quotes is one literal quote
            state = "inQuoted";
          } else if (c === ",") {
            save();
            state = "startField";
          } else if (newline || c === END_OF_LINE) {
            save();
            state = c === END_OF_LINE ? "startRecord" : "eatNewline";
          } else {
            field += c; // non-strict: text after a closing quote joins the field
            state = "inField";
          }
          break;
        case "eatNewline":
          if (c === END_OF_LINE) state = "startRecord";
          else if (!newline) throw new Error("new-line character seen in unquoted field");
          break;
      }
    }
  }
  // Input ending inside quotes: the non-strict reader keeps the partial field.
  if (state === "inQuoted") save();
  return fields;
}
