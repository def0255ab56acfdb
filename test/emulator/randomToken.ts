import { randomBytes, randomInt } from "node:crypto";

/** `prefix` + `bytes` random bytes in base64url, e.g. `randomToken("emu-at-")`. */
export function randomToken(prefix: string, bytes = 32): string {
  return prefix + randomBytes(bytes).toString("base64url");
}

const BASE32_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";

function randomFrom(alphabet: string, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** A 20-character temporary access key id, like STS ones: `ASIAEMU` + 13 characters of [A-Z2-7]. */
export function randomAccessKeyId(): string {
  return "ASIAEMU" + randomFrom(BASE32_UPPER, 13);
}

/** A device-flow user code such as `BCDF-GHJK`. */
export function randomUserCode(): string {
  return `${randomFrom(USER_CODE_ALPHABET, 4)}-${randomFrom(USER_CODE_ALPHABET, 4)}`;
}
