// Python's `csv` reader (excel dialect, non-strict), which A1111 uses for XYZ plot axis values and for
// styles.csv. This is that reader's state machine, so quoting quirks (`"a"b` → `ab`, a stray quote mid-field
// kept literally, quoted fields spanning lines) come out as they do in A1111.

type State = "startRecord" | "startField" | "inField" | "inQuoted" | "quoteInQuoted" | "eatNewline";

const END_OF_LINE = "\0";

/** The records of `text` as Python's `csv.reader(StringIO(text), skipinitialspace=...)` yields them (an empty line is `[]`). */
export function csvRecords(text: string, options: { skipInitialSpace: boolean }): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = "";
  let state: State = "startRecord";

  const save = () => {
    fields.push(field);
    field = "";
  };
  const endRecord = () => {
    records.push(fields);
    fields = [];
  };
  // A field ended by the line's end: the record ends now, or after the rest of the line break.
  const endLine = (c: string) => {
    save();
    if (c === END_OF_LINE) endRecord();
    state = c === END_OF_LINE ? "startRecord" : "eatNewline";
  };

  // StringIO yields lines split after "\n"; the C reader then sees each line's characters and a NUL.
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  for (const line of lines) {
    for (const c of [...line, END_OF_LINE]) {
      const newline = c === "\n" || c === "\r";
      switch (state) {
        case "startRecord":
          if (c === END_OF_LINE) {
            endRecord();
            break;
          }
          if (newline) {
            state = "eatNewline";
            break;
          }
          state = "startField";
        // falls through: the character starts the first field
        case "startField":
          if (newline || c === END_OF_LINE) {
            endLine(c);
          } else if (c === '"') state = "inQuoted";
          else if (c === " " && options.skipInitialSpace) break;
          else if (c === ",") save();
          else {
            field += c;
            state = "inField";
          }
          break;
        case "inField":
          if (newline || c === END_OF_LINE) {
            endLine(c);
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
            endLine(c);
          } else {
            field += c; // non-strict: text after a closing quote joins the field
            state = "inField";
          }
          break;
        case "eatNewline":
          if (c === END_OF_LINE) {
            endRecord();
            state = "startRecord";
          } else if (!newline) throw new Error("new-line character seen in unquoted field");
          break;
      }
    }
  }
  // Input ending inside quotes: the non-strict reader keeps the partial field.
  if (state === "inQuoted") {
    save();
    endRecord();
  }
  return records;
}
