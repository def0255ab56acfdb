/**
 * The words of `candidates` closest to a mistyped `word`, for a "did you mean": those at the smallest
 * edit distance (insertions, deletions, substitutions and swaps of two neighbours count one each), if
 * that distance is small for the word's length; else the candidates `word` begins, when it is a short
 * form of a few of them (`credential` for `credential-process`). Leading dashes are kept in the comparison
 * but not counted in the length. Case is ignored (`STATUS` gets `status`); `word` itself is never offered.
 * Empty when nothing is close.
 */
export function nearestWords(word: string, candidates: readonly string[]): string[] {
  const typed = word.toLowerCase();
  const length = typed.replace(/^-+/, "").length;
  if (length === 0) return [];
  // One edit in a short word, two in a word of up to 6 letters, three beyond: "stauts", "--profle", "--no-colour".
  const limit = length <= 3 ? 1 : length <= 6 ? 2 : 3;
  let best = Number.POSITIVE_INFINITY;
  let nearest: string[] = [];
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const distance = editDistance(typed, candidate.toLowerCase());
    if (distance < best) {
      best = distance;
      nearest = [candidate];
    } else if (distance === best && !nearest.includes(candidate)) {
      nearest.push(candidate);
    }
  }
  if (best <= limit && nearest.length <= 3) return nearest;
  const extended = candidates.filter((candidate) => length >= 2 && candidate.toLowerCase().startsWith(typed) && candidate.length > typed.length);
  return extended.length > 0 && extended.length <= 3 ? extended : [];
}

/** Optimal string alignment distance: Levenshtein's, with a swap of two neighbouring characters as one edit. */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const d: number[] = new Array<number>(rows * columns).fill(0);
  const at = (i: number, j: number): number => d[i * columns + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * columns] = i;
  for (let j = 0; j < columns; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, at(i - 2, j - 2) + 1);
      d[i * columns + j] = value;
    }
  }
  return at(a.length, b.length);
}
