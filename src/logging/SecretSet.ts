/** How many secret values are remembered: a few tokens and keys per session is all a provider holds. */
const MAX_SECRETS = 64;
/** Shorter values could match ordinary text; every token, secret and key is far longer. */
const MIN_SECRET_LENGTH = 8;

/**
 * The secret values a provider has handled (access and refresh tokens, client secrets, secret keys),
 * so that a log line can be cleaned of them wherever they hide: a message, a map key, a bare string.
 * One per provider; the oldest values are forgotten first.
 */
export class SecretSet {
  readonly #values = new Set<string>();

  /** Remembers each value (undefined and short values are ignored). */
  add(...values: (string | undefined)[]): void {
    for (const value of values) {
      if (value === undefined || value.length < MIN_SECRET_LENGTH || this.#values.has(value)) continue;
      this.#values.add(value);
      if (this.#values.size > MAX_SECRETS) this.#values.delete(this.#values.values().next().value as string);
    }
  }

  /** `text` with every remembered value replaced by "[redacted]". */
  redact(text: string): string {
    let out = text;
    for (const value of this.#values) if (out.includes(value)) out = out.split(value).join("[redacted]");
    return out;
  }
}
