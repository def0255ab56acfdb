import { nearestWords } from "./nearestWords.js";

/** ` (did you mean "status"?)`, or `` when no candidate is close to `word`: the tail of a usage error. */
export function didYouMean(word: string, candidates: readonly string[], quote = true): string {
  const nearest = nearestWords(word, candidates).map((candidate) => (quote ? `"${candidate}"` : candidate));
  if (nearest.length === 0) return "";
  const last = nearest.pop() as string;
  return ` (did you mean ${nearest.length === 0 ? last : `${nearest.join(", ")} or ${last}`}?)`;
}
