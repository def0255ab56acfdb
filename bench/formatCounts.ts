/** Per-round counts: "1 (x32)" when every round had the same, else the list. */
export function formatCounts(counts: readonly number[]): string {
  const first = counts[0];
  if (first !== undefined && counts.length > 1 && counts.every((count) => count === first)) return `${first} (x${counts.length})`;
  return counts.join(",");
}
