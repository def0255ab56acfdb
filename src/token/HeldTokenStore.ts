import { createHash } from "node:crypto";
import { lstat, mkdir, unlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { LoginTarget } from "../errors/LoginTarget.js";
import { readSmallFile } from "../files/readSmallFile.js";
import { untrustedReason } from "../files/untrustedReason.js";
import { writeFileAtomic } from "../files/writeFileAtomic.js";
import { CachedSsoToken } from "./CachedSsoToken.js";

/** A held entry is a token file and a few fields more. */
const MAX_ENTRY_BYTES = 64 * 1024;

/**
 * A private place, outside the shared cache, for tokens the service issued that the cache could not
 * take (a full disk, a read-only mount, an immutable file). Every provider of this library, in this
 * process or another, reads it: a token refreshed by one of them stays usable by all of them, its new
 * refresh token included, until the shared cache can take it. The AWS CLI and the other SDKs do not
 * read it: they see the old token until then.
 *
 * An entry names the cache file it stands in for and the token it replaces (by fingerprint): it is used
 * only while that file still holds exactly that token. A new login or another refresh written to the
 * file (or a logout that removed it) makes the entry stale, and it is removed.
 *
 * The directory is `$XDG_RUNTIME_DIR/aws-sso-credential-provider` (a private per-user tmpfs on Linux),
 * else `<tmpdir>/aws-sso-credential-provider-<uid>`, made 0700; one that is not ours, or that others may
 * write, is not used. Entries are 0600, written atomically; they hold tokens, as the cache does.
 */
export class HeldTokenStore {
  readonly #dir: string;

  constructor(dir: string) {
    this.#dir = dir;
  }

  /** The default directory for the environment `env`. */
  static defaultDir(env: Readonly<Record<string, string | undefined>>): string {
    if (env.XDG_RUNTIME_DIR) return join(env.XDG_RUNTIME_DIR, "aws-sso-credential-provider");
    return join(tmpdir(), `aws-sso-credential-provider-${process.getuid?.() ?? "user"}`);
  }

  /** Where the entry for the cache file `cachePath` lives. */
  pathFor(cachePath: string): string {
    return join(this.#dir, `${createHash("sha1").update(cachePath).digest("hex")}.json`);
  }

  /**
   * A file to lock for `cachePath` in this private directory (its lock is `<that>.lock`), for when the
   * cache directory cannot hold a lock: our processes still take turns with the one refresh token.
   * Rejects when the directory cannot be made or is not private.
   */
  async lockTargetFor(cachePath: string): Promise<string> {
    await this.#ensurePrivateDir();
    return this.pathFor(cachePath);
  }

  /**
   * The token held for `cachePath`, if the file still holds the token it replaces (`onDisk`). A stale
   * entry is removed. Never throws: the store only ever adds to what the cache gives.
   */
  async read(cachePath: string, onDisk: CachedSsoToken | undefined, target: LoginTarget): Promise<CachedSsoToken | undefined> {
    const path = this.pathFor(cachePath);
    if (!(await this.#isPrivateDir())) return undefined;
    const read = await readSmallFile(path, MAX_ENTRY_BYTES);
    if (read.kind !== "text") return undefined;
    try {
      const entry = JSON.parse(read.text) as { cacheFile?: unknown; replaces?: unknown; token?: unknown };
      if (entry.cacheFile === cachePath && onDisk !== undefined && entry.replaces === onDisk.fingerprint()) {
        return CachedSsoToken.fromJson(entry.token, cachePath, target);
      }
    } catch {
      // not one of ours, or cut short: stale either way
    }
    await unlink(path).catch(() => undefined);
    return undefined;
  }

  /** Keeps `token` for `cachePath`, where the file still holds `replaces`. Rejects when it cannot. */
  async write(cachePath: string, token: CachedSsoToken, replaces: CachedSsoToken): Promise<void> {
    await this.#ensurePrivateDir();
    const entry = `{"cacheFile":${JSON.stringify(cachePath)},"replaces":${JSON.stringify(replaces.fingerprint())},"token":${token.serialize()}}`;
    await writeFileAtomic(this.pathFor(cachePath), entry);
  }

  /** Removes the entry for `cachePath`, if any. Never throws. */
  async remove(cachePath: string): Promise<void> {
    await unlink(this.pathFor(cachePath)).catch(() => undefined);
  }

  /** Creates the directory 0700 if need be; refuses one that is not a directory of ours that only we may write. */
  async #ensurePrivateDir(): Promise<void> {
    await mkdir(this.#dir, { recursive: true, mode: 0o700 });
    if (!(await this.#isPrivateDir())) throw new Error(`${this.#dir} is not a private directory of this user: not used for held tokens`);
  }

  async #isPrivateDir(): Promise<boolean> {
    const stats = await lstat(this.#dir).catch(() => undefined);
    return stats !== undefined && stats.isDirectory() && untrustedReason(stats) === undefined;
  }
}
