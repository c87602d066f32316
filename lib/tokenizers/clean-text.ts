// CLIP's text cleanup before tokenisation (HF CLIPTokenizer with ftfy, as A1111 runs it):
// fix the text, html-unescape twice (prompts copied from web pages carry `&amp;amp;`), collapse
// whitespace, strip, lower-case.
import { decodeHTML, replaceCodePoint } from "entities/decode";

// Python's `html.unescape` (docs/prompt-text.md): named references through the `entities` package,
// which carries HTML5's table and its longest-prefix rule for names written without ";" ("&ampxyz" →
// "&xyz"); numeric references as Python decodes them — C1 controls remapped as the HTML standard
// says, NUL, surrogates and out-of-range codes → U+FFFD, and the code points Python calls invalid
// (other controls, noncharacters) dropped.
const CHARREF = /&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)/g;

/** Python's `_invalid_codepoints`: controls other than tab/LF/FF/CR/space, DEL, C1, and noncharacters. */
function isPythonInvalidCodePoint(code: number): boolean {
  if ((code >= 0x1 && code <= 0x8) || code === 0xb || (code >= 0xe && code <= 0x1f) || (code >= 0x7f && code <= 0x9f)) return true;
  return (code >= 0xfdd0 && code <= 0xfdef) || (code & 0xfffe) === 0xfffe;
}

function numericReference(body: string): string {
  const hex = body[1] === "x" || body[1] === "X";
  const code = parseInt(body.slice(hex ? 2 : 1).replace(/;$/, ""), hex ? 16 : 10);
  // Python's `_invalid_charrefs`: NUL, CR and the whole C1 range, remapped (cp1252) or kept.
  if (code === 0 || code === 0x0d || (code >= 0x80 && code <= 0x9f)) return String.fromCodePoint(replaceCodePoint(code));
  if ((code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return "\ufffd";
  return isPythonInvalidCodePoint(code) ? "" : String.fromCodePoint(code);
}

export function htmlUnescape(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(CHARREF, (match, body: string) => (body.startsWith("#") ? numericReference(body) : decodeHTML(match)));
}

// The parts of ftfy.fix_text that change ordinary prompts: NFC normalisation and curly quotes
// made straight (ftfy's `uncurl_quotes`).
function fixText(text: string): string {
  return text.normalize("NFC").replace(/[\u2018\u2019\u201a\u201b]/g, "'").replace(/[\u201c\u201d\u201e\u201f]/g, '"');
}

export function cleanText(text: string): string {
  const unescaped = htmlUnescape(htmlUnescape(fixText(text))).trim();
  return unescaped.replace(/\s+/g, " ").trim().toLowerCase();
}
