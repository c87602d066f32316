// CLIP's text cleanup before tokenisation (HF CLIPTokenizer with ftfy, as A1111 runs it):
// fix the text, html-unescape twice (prompts copied from web pages carry `&amp;amp;`), collapse
// whitespace, strip, lower-case.

// Named entities people actually meet in prompts; Python's `html.unescape` knows all of HTML5's,
// an unknown name is left as written (as Python does for names it doesn't know).
const namedEntities: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0", copy: "©", reg: "®", trade: "™",
  hellip: "…", mdash: "—", ndash: "–", lsquo: "‘", rsquo: "’", ldquo: "“", rdquo: "”", laquo: "«", raquo: "»",
  middot: "·", deg: "°", times: "×", eacute: "é", egrave: "è", agrave: "à", ccedil: "ç", uuml: "ü",
  ouml: "ö", auml: "ä", szlig: "ß", ntilde: "ñ",
};
// HTML5 lets these few be written without the closing semicolon.
const legacyWithoutSemicolon = new Set(["amp", "lt", "gt", "quot", "nbsp", "copy", "reg", "times", "deg", "middot",
  "laquo", "raquo", "eacute", "egrave", "agrave", "ccedil", "uuml", "ouml", "auml", "szlig", "ntilde"]);

function decodeCodePoint(code: number): string {
  const invalid = code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || code === 0;
  return invalid ? "\ufffd" : String.fromCodePoint(code);
}

export function htmlUnescape(text: string): string {
  return text.replace(/&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[a-zA-Z][a-zA-Z0-9]{0,31};?)/g, (match, body: string) => {
    if (body.startsWith("#")) {
      const digits = body.replace(/;$/, "");
      const hex = digits[1] === "x" || digits[1] === "X";
      return decodeCodePoint(parseInt(digits.slice(hex ? 2 : 1), hex ? 16 : 10));
    }
    const terminated = body.endsWith(";");
    const name = terminated ? body.slice(0, -1) : body;
    const char = namedEntities[name];
    if (char === undefined || (!terminated && !legacyWithoutSemicolon.has(name))) return match;
    return char;
  });
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
