"use client";
// A two-column table of text entries (parsed infotext keys, PNG text chunks); each row carries its
// key in `data-key` so tests and scripts can find a value.

interface KeyValueTableProps {
  id: string;
  caption: string;
  entries: Record<string, string>;
}

export function KeyValueTable({ id, caption, entries }: KeyValueTableProps) {
  const rows = Object.entries(entries);
  if (rows.length === 0) return null;
  return (
    <table id={id} className="w-full border-collapse text-left text-xs">
      <caption className="pb-1 text-left text-sm font-medium text-zinc-300">{caption}</caption>
      <tbody>
        {rows.map(([key, value]) => (
          <tr key={key} data-key={key} className="border-t border-zinc-800 align-top">
            <th scope="row" className="w-48 py-1 pr-3 font-medium text-zinc-400">
              {key}
            </th>
            <td className="whitespace-pre-wrap break-words py-1 font-mono text-zinc-200">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
