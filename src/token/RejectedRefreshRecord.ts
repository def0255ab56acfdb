import { createHash } from "node:crypto";
import { unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

import { readSmallFile } from "../files/readSmallFile.js";
import { writeFileAtomic } from "../files/writeFileAtomic.js";
import type { CachedSsoToken } from "./CachedSsoToken.js";

/**
 * A note, beside a token cache file, that SSO OIDC refused a refresh with the refresh token that
 * file holds (`invalid_grant`: the session ended or was revoked). Every process that would refresh
 * the same token reads it first and fails at once with the login error, instead of sending the dead
 * refresh token again and waiting for the same answer.
 *
 * The note names the refresh token only by a fingerprint (a truncated SHA-256), so it holds no secret,
 * and it matches no other token: a new login writes a new refresh token, and the note no longer applies.
 * It lives in a dot-file that is not `*.json` (`.<sha1>.json.refresh-rejected`), so the AWS CLI, the SDKs
 * and tools that scan the cache for `*.json` never read it.
 */
/** A note is a few hundred bytes; anything larger is not one of ours. */
const MAX_NOTE_BYTES = 4096;

export class RejectedRefreshRecord {
  readonly serviceCode: string;
  readonly recordedAt: Date;
  readonly requestId: string | undefined;
  readonly httpStatusCode: number | undefined;
  readonly #fingerprint: string;

  private constructor(fingerprint: string, details: { serviceCode: string; recordedAt: Date; requestId?: string; httpStatusCode?: number }) {
    this.#fingerprint = fingerprint;
    this.serviceCode = details.serviceCode;
    this.recordedAt = details.recordedAt;
    this.requestId = details.requestId;
    this.httpStatusCode = details.httpStatusCode;
  }

  /** Where the note for `tokenPath` lives. */
  static pathFor(tokenPath: string): string {
    return join(dirname(tokenPath), `.${basename(tokenPath)}.refresh-rejected`);
  }

  /** The note beside `tokenPath`, or undefined when there is none or it cannot be read (it is only a hint). */
  static async read(tokenPath: string): Promise<RejectedRefreshRecord | undefined> {
    const read = await readSmallFile(RejectedRefreshRecord.pathFor(tokenPath), MAX_NOTE_BYTES);
    if (read.kind !== "text") return undefined;
    let value: unknown;
    try {
      value = JSON.parse(read.text);
    } catch {
      return undefined;
    }
    if (typeof value !== "object" || value === null) return undefined;
    const { refreshTokenFingerprint, serviceCode, recordedAt, requestId, httpStatusCode } = value as Record<string, unknown>;
    if (typeof refreshTokenFingerprint !== "string" || typeof serviceCode !== "string" || typeof recordedAt !== "string") return undefined;
    const at = new Date(recordedAt);
    if (Number.isNaN(at.getTime())) return undefined;
    return new RejectedRefreshRecord(refreshTokenFingerprint, {
      serviceCode,
      recordedAt: at,
      ...(typeof requestId === "string" ? { requestId } : {}),
      ...(typeof httpStatusCode === "number" ? { httpStatusCode } : {}),
    });
  }

  /** Records that refreshing `token` was refused with `serviceCode`. Rejects with the file system's error. */
  static async write(
    tokenPath: string,
    token: CachedSsoToken,
    details: { serviceCode: string; requestId?: string | undefined; httpStatusCode?: number | undefined; nowMs: number },
  ): Promise<void> {
    const refreshToken = token.refreshToken;
    if (refreshToken === undefined) return;
    const record = {
      refreshTokenFingerprint: fingerprint(refreshToken),
      serviceCode: details.serviceCode,
      recordedAt: new Date(details.nowMs).toISOString(),
      ...(details.requestId === undefined ? {} : { requestId: details.requestId }),
      ...(details.httpStatusCode === undefined ? {} : { httpStatusCode: details.httpStatusCode }),
      pid: process.pid,
    };
    await writeFileAtomic(RejectedRefreshRecord.pathFor(tokenPath), `${JSON.stringify(record)}\n`);
  }

  /** Removes the note beside `tokenPath`, if any. Never rejects. */
  static async remove(tokenPath: string): Promise<void> {
    await unlink(RejectedRefreshRecord.pathFor(tokenPath)).catch(() => undefined);
  }

  /** Whether the note is about `token`'s refresh token. */
  matches(token: CachedSsoToken): boolean {
    return token.refreshToken !== undefined && fingerprint(token.refreshToken) === this.#fingerprint;
  }
}

function fingerprint(refreshToken: string): string {
  return createHash("sha256").update(`aws-sso-credential-provider refresh token\n${refreshToken}`).digest("hex").slice(0, 32);
}
