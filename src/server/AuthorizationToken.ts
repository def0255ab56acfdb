import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** 256 bits: twice the 128 the container-credentials endpoints of ECS and EKS are held to. */
const TOKEN_BYTES = 32;

/**
 * The secret a consumer of the credentials endpoint sends as its `Authorization` header (the SDKs
 * take it from `AWS_CONTAINER_AUTHORIZATION_TOKEN`). Kept in a private field, so `util.inspect`,
 * `JSON.stringify` and `String()` of this object show nothing of it.
 */
export class AuthorizationToken {
  readonly #value: string;
  readonly #digest: Buffer;

  private constructor(value: string) {
    this.#value = value;
    this.#digest = sha256(value);
  }

  /** A new random token: 32 bytes from the system's CSPRNG, base64url (43 characters, no padding). */
  static generate(): AuthorizationToken {
    return new AuthorizationToken(randomBytes(TOKEN_BYTES).toString("base64url"));
  }

  /**
   * Whether `header` is this token. Both sides are hashed first and the digests compared with
   * `timingSafeEqual`: the time taken says nothing about how much of the token a guess got right,
   * nor about the token's length.
   */
  matches(header: string): boolean {
    return timingSafeEqual(sha256(header), this.#digest);
  }

  /** The token itself, for the variables handed to the consumer. Never log it. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return "[AuthorizationToken]";
  }

  toJSON(): string {
    return "[AuthorizationToken]";
  }
}

function sha256(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}
