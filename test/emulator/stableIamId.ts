import { createHash } from "node:crypto";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/**
 * An IAM unique id that is always the same for the same `seed`, as a role's or user's id is:
 * `prefix` (AROA for a role, AIDA for a user) followed by 17 characters of [A-Z2-7].
 */
export function stableIamId(prefix: string, seed: string): string {
  const digest = createHash("sha256").update(seed).digest();
  let out = prefix;
  for (let i = 0; out.length < prefix.length + 17; i++) out += ALPHABET[(digest[i] ?? 0) % ALPHABET.length];
  return out;
}
