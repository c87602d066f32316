// Byte-pair encoding with CLIP's `</w>` end-of-word marker: start from the word's characters (the
// last one carrying `</w>`) and repeatedly merge the adjacent pair with the lowest merge rank, every
// occurrence of it at once, until no adjacent pair is in the merge list.

export const endOfWord = "</w>";

export class BytePairEncoder {
  private readonly ranks: Map<string, number>;
  private readonly cache = new Map<string, string[]>();

  /** `merges`: pairs in priority order (rank = index). */
  constructor(merges: ReadonlyArray<readonly [string, string]>) {
    this.ranks = new Map(merges.map(([a, b], rank) => [pairKey(a, b), rank]));
  }

  /** Splits one pre-tokenised word (already in the byte alphabet) into BPE symbols. */
  encodeWord(word: string): string[] {
    const cached = this.cache.get(word);
    if (cached) return cached;
    const chars = [...word];
    let symbols = [...chars.slice(0, -1), chars[chars.length - 1] + endOfWord];
    while (symbols.length > 1) {
      const best = this.lowestRankedPair(symbols);
      if (!best) break;
      symbols = mergePair(symbols, best[0], best[1]);
    }
    this.cache.set(word, symbols);
    return symbols;
  }

  private lowestRankedPair(symbols: string[]): [string, string] | undefined {
    let best: [string, string] | undefined;
    let bestRank = Infinity;
    for (let i = 0; i + 1 < symbols.length; i++) {
      const rank = this.ranks.get(pairKey(symbols[i], symbols[i + 1]));
      if (rank !== undefined && rank < bestRank) {
        bestRank = rank;
        best = [symbols[i], symbols[i + 1]];
      }
    }
    return best;
  }
}

// A space never occurs inside a byte-alphabet symbol, so it separates the pair unambiguously.
function pairKey(a: string, b: string): string {
  return `${a} ${b}`;
}

function mergePair(symbols: string[], first: string, second: string): string[] {
  const merged: string[] = [];
  for (let i = 0; i < symbols.length; i++) {
    if (i + 1 < symbols.length && symbols[i] === first && symbols[i + 1] === second) {
      merged.push(first + second);
      i++;
    } else {
      merged.push(symbols[i]);
    }
  }
  return merged;
}
