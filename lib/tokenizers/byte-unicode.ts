// GPT-2/CLIP byte-level alphabet: every byte 0..255 gets a printable unicode character, so BPE can
// work on strings without ever meeting whitespace or control characters, and any UTF-8 text (accents,
// CJK, emoji) round-trips without an unknown token. Printable Latin-1 bytes map to themselves; the
// remaining 68 bytes are moved, in byte order, to code points 256, 257, ….

function isPrintableLatin1(byte: number): boolean {
  return (byte >= 0x21 && byte <= 0x7e) || (byte >= 0xa1 && byte <= 0xac) || (byte >= 0xae && byte <= 0xff);
}

function buildByteToChar(): string[] {
  const table: string[] = [];
  let shifted = 0;
  for (let byte = 0; byte < 256; byte++) {
    table.push(String.fromCodePoint(isPrintableLatin1(byte) ? byte : 256 + shifted++));
  }
  return table;
}

export const byteToChar: readonly string[] = buildByteToChar();

export const charToByte: ReadonlyMap<string, number> = new Map(byteToChar.map((c, byte) => [c, byte]));

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder("utf-8");

/** UTF-8 bytes of `text`, each written as its byte-alphabet character. */
export function toByteChars(text: string): string {
  let out = "";
  for (const byte of utf8.encode(text)) out += byteToChar[byte];
  return out;
}

/** Inverse of `toByteChars`; characters outside the alphabet are dropped. */
export function fromByteChars(chars: string): string {
  const bytes: number[] = [];
  for (const c of chars) {
    const byte = charToByte.get(c);
    if (byte !== undefined) bytes.push(byte);
  }
  return utf8Decoder.decode(new Uint8Array(bytes));
}
