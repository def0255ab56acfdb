import { createHash, randomInt } from "node:crypto";
import { inspect } from "node:util";

const UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
const VERIFIER_LENGTH = 64;

/**
 * A PKCE code verifier and its S256 challenge (RFC 7636). The verifier is a secret: it lives in a
 * private field, so `util.inspect`, `JSON.stringify` and string conversion show the challenge only.
 */
export class PkcePair {
  readonly #verifier: string;
  readonly challenge: string;

  private constructor(verifier: string) {
    this.#verifier = verifier;
    this.challenge = pkceChallenge(verifier);
  }

  /**
   * 64 characters drawn uniformly from RFC 7636's unreserved set `[A-Za-z0-9-._~]` (as the AWS CLI
   * makes its verifier), with a cryptographic random source.
   */
  static create(): PkcePair {
    let verifier = "";
    for (let i = 0; i < VERIFIER_LENGTH; i++) verifier += UNRESERVED[randomInt(UNRESERVED.length)];
    return new PkcePair(verifier);
  }

  /** For CreateToken's `codeVerifier` only. */
  get verifier(): string {
    return this.#verifier;
  }

  toJSON(): Record<string, unknown> {
    return { challenge: this.challenge };
  }

  toString(): string {
    return `PkcePair(challenge=${this.challenge})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/** base64url(SHA-256(verifier)), unpadded (43 characters): the `code_challenge` of method S256. */
export function pkceChallenge(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}
