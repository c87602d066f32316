// Parser for A1111's prompt-editing syntax (docs/a1111/prompts.md#prompt-editing). A1111 uses this lark grammar
// (Earley parser, dynamic lexer):
//
//   start:       (prompt | /[][():]/+)*
//   prompt:      (emphasized | scheduled | alternate | plain | WHITESPACE)*
//   emphasized:  "(" prompt ")" | "(" prompt ":" prompt ")" | "[" prompt "]"
//   scheduled:   "[" [prompt ":"] prompt ":" [WHITESPACE] NUMBER [WHITESPACE] "]"
//   alternate:   "[" prompt ("|" [prompt])+ "]"
//   plain:       /([^\\\[\]():|]|\\.)+/        NUMBER: lark's SIGNED_NUMBER
//
// This recursive-descent parser accepts the same language and picks the same tree:
// * inside a group no stray bracket, `:` or `|` is allowed, so the group starting at a bracket, if
//   any, is unique (it ends at the first closer at depth 0) and two groups never overlap;
// * at the top level every `[ ] ( ) :` may also be a stray character; lark resolves that ambiguity
//   in favour of the group (A1111's doctests: `a[b:[c:d:2]:1]e` schedules the outer group), so a
//   bracket is a group whenever it can be one and a stray character otherwise;
// * `|` outside an alternation, a backslash at the end or before a newline make the prompt
//   unparseable (A1111 then uses it literally for all steps).
// The parser recurses per bracket level, so a prompt nested deeper than MAX_PROMPT_NESTING is refused.
import { MAX_PROMPT_NESTING, PromptNestingError, promptNestingDepth } from "@/lib/prompts/nesting";

export type PromptNode =
  | { kind: "text"; text: string }
  | { kind: "scheduled"; before: PromptNode[] | null; after: PromptNode[]; when: string }
  | { kind: "alternate"; options: PromptNode[][] };

interface Parsed<T> {
  value: T;
  end: number;
}

// Sticky patterns, matched at a position (lark's dynamic lexer takes the longest regex match).
// Python's `.` is anything but "\n"; JS's `.` also refuses "\r" and U+2028/9, hence the explicit class.
const plainPattern = /(?:[^\\[\]():|]|\\[^\n])+/uy;
const whitespacePattern = /\s+/uy;
// SIGNED_NUMBER: sign, then FLOAT (INT exponent | DECIMAL exponent?) or INT, tried in that order.
const numberPattern = /[+-]?(?:\d+[eE][+-]?\d+|(?:\d+\.\d*|\.\d+)(?:[eE][+-]?\d+)?|\d+)/y;

function matchAt(pattern: RegExp, text: string, pos: number): string | undefined {
  pattern.lastIndex = pos;
  return pattern.exec(text)?.[0];
}

/** parseGroup's answers by position within one parse: a group depends only on where it starts. */
type GroupMemo = Map<number, Parsed<PromptNode[]> | null>;

/** `prompt` inside a group: stops at the first character it cannot take. Never fails. */
function parseInner(text: string, pos: number, memo: GroupMemo): Parsed<PromptNode[]> {
  const nodes: PromptNode[] = [];
  while (pos < text.length) {
    const plain = matchAt(plainPattern, text, pos);
    if (plain !== undefined) {
      nodes.push({ kind: "text", text: plain });
      pos += plain.length;
      continue;
    }
    const group = parseGroup(text, pos, memo);
    if (!group) break;
    nodes.push(...group.value);
    pos = group.end;
  }
  return { value: nodes, end: pos };
}

/** `[WHITESPACE] NUMBER [WHITESPACE] "]"` at `pos`: the number text and the position after `]`. */
function parseWhen(text: string, pos: number): Parsed<string> | null {
  pos += matchAt(whitespacePattern, text, pos)?.length ?? 0;
  const number = matchAt(numberPattern, text, pos);
  if (number === undefined) return null;
  pos += number.length;
  pos += matchAt(whitespacePattern, text, pos)?.length ?? 0;
  return text[pos] === "]" ? { value: number, end: pos + 1 } : null;
}

function literal(text: string): PromptNode {
  return { kind: "text", text };
}

/**
 * The group opening at `pos` (`(`…`)` or `[`…`]`), or null when there is none. Memoised: a bracket that
 * is no group at the top level is re-read from the next character, which would otherwise parse the
 * same inner groups again and again.
 */
function parseGroup(text: string, pos: number, memo: GroupMemo): Parsed<PromptNode[]> | null {
  if (!memo.has(pos)) memo.set(pos, parseGroupAt(text, pos, memo));
  return memo.get(pos)!;
}

function parseGroupAt(text: string, pos: number, memo: GroupMemo): Parsed<PromptNode[]> | null {
  const open = text[pos];
  if (open !== "(" && open !== "[") return null;
  const first = parseInner(text, pos + 1, memo);
  let at = first.end;

  if (open === "(") {
    if (text[at] === ")") return { value: [literal("("), ...first.value, literal(")")], end: at + 1 };
    if (text[at] !== ":") return null;
    const second = parseInner(text, at + 1, memo);
    if (text[second.end] !== ")") return null;
    return { value: [literal("("), ...first.value, literal(":"), ...second.value, literal(")")], end: second.end + 1 };
  }

  if (text[at] === "]") return { value: [literal("["), ...first.value, literal("]")], end: at + 1 };
  if (text[at] === "|") {
    const options = [first.value];
    while (text[at] === "|") {
      const option = parseInner(text, at + 1, memo);
      options.push(option.value);
      at = option.end;
    }
    return text[at] === "]" ? { value: [{ kind: "alternate", options }], end: at + 1 } : null;
  }
  if (text[at] !== ":") return null;
  const shortForm = parseWhen(text, at + 1);
  if (shortForm) {
    return { value: [{ kind: "scheduled", before: null, after: first.value, when: shortForm.value }], end: shortForm.end };
  }
  const second = parseInner(text, at + 1, memo);
  if (text[second.end] !== ":") return null;
  const when = parseWhen(text, second.end + 1);
  if (!when) return null;
  return { value: [{ kind: "scheduled", before: first.value, after: second.value, when: when.value }], end: when.end };
}

/** The prompt's tree, or null when A1111's grammar rejects it; PromptNestingError past MAX_PROMPT_NESTING. */
export function parseSchedulePrompt(text: string): PromptNode[] | null {
  const depth = promptNestingDepth(text);
  if (depth > MAX_PROMPT_NESTING) throw new PromptNestingError(depth);
  const memo: GroupMemo = new Map();
  const nodes: PromptNode[] = [];
  let pos = 0;
  while (pos < text.length) {
    const plain = matchAt(plainPattern, text, pos);
    if (plain !== undefined) {
      nodes.push(literal(plain));
      pos += plain.length;
      continue;
    }
    const group = parseGroup(text, pos, memo);
    if (group) {
      nodes.push(...group.value);
      pos = group.end;
    } else if ("[]():".includes(text[pos])) {
      nodes.push(literal(text[pos]));
      pos += 1;
    } else {
      return null;
    }
  }
  return nodes;
}
