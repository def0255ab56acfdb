import type { Logger } from "@smithy/types";
import { join } from "node:path";

import type { Clock } from "../clock/Clock.js";
import { SsoTokenCacheLockTimeoutError } from "../errors/SsoTokenCacheLockTimeoutError.js";
import { SsoTokenCacheWriteError } from "../errors/SsoTokenCacheWriteError.js";
import { makePrivateDir, writeFileAtomic } from "../files/writeFileAtomic.js";
import { lockFile, type FileLock, type LockOptions } from "../lock/lockFile.js";
import type { RoleCacheEntry } from "./RoleCacheEntry.js";
import { readRoleCacheFile } from "./readRoleCacheFile.js";
import type { SsoRoleCredentials } from "./SsoRoleCredentials.js";
import { LOG_PREFIX } from "../logging/logPrefix.js";

export interface RoleCredentialCacheOptions {
  /** The shared cache directory (`~/.aws/cli/cache`); undefined: this process's memory only. */
  dir: string | undefined;
  /** Credentials are fetched again this long before they expire. */
  refreshWindowMs: number;
  lock: LockOptions;
  clock: Clock;
}

/** Credentials just fetched, and the cache file's content for them (the AWS CLI's format). */
export interface FetchedRoleCredentials {
  credentials: SsoRoleCredentials;
  cacheText: string;
}

/** One request for a role's credentials. */
export interface RoleCredentialsLookup {
  /** The cache key: the file is `<dir>/<key>.json`. */
  key: string;
  /** The account, for an entry whose file does not name it. */
  accountId: string;
  /** Skip what is cached: fetch, unless another process has just done so. */
  forceRefresh: boolean;
  /**
   * The credentials the fetch needs (a role's source credentials), got after a cache miss and before
   * the lock is taken: a source is never fetched while another lock is held.
   */
  source?: () => Promise<SsoRoleCredentials>;
  fetch: (source: SsoRoleCredentials | undefined) => Promise<FetchedRoleCredentials>;
  logger: Logger | undefined;
}


/**
 * Role credentials kept in memory and, when a directory is given, in the AWS CLI's shared cache
 * (`~/.aws/cli/cache/<key>.json`, 0600 files written atomically in a 0700 directory), so that every
 * new process, and the AWS CLI, uses them until they come within the refresh window.
 *
 * Fetching happens under the file's cross-process lock: a process that finds the entry missing or
 * stale takes the lock, reads the file again (another process may just have written it: then
 * nothing is fetched) and only then fetches and writes. Processes waiting for the lock look at the
 * file meanwhile and stop waiting once it holds new credentials.
 *
 * The cache never makes a call fail that the service could answer: a file it cannot read or trust
 * is a warning (naming it) and a fetch; a lock or a write that fails is a warning too.
 */
export class RoleCredentialCache {
  readonly #options: RoleCredentialCacheOptions;
  readonly #memory = new Map<string, SsoRoleCredentials>();
  readonly #inFlight = new Map<string, Promise<SsoRoleCredentials>>();
  readonly #warned = new Set<string>();
  readonly #closing = new AbortController();

  constructor(options: RoleCredentialCacheOptions) {
    this.#options = options;
  }

  get dir(): string | undefined {
    return this.#options.dir;
  }

  /** The role's credentials: a new object on every call, for the caller to mark or change. */
  async get(lookup: RoleCredentialsLookup): Promise<SsoRoleCredentials> {
    if (!lookup.forceRefresh) {
      const held = this.#memory.get(lookup.key);
      if (held !== undefined && this.#fresh(held.expiration)) return copy(held);
    }
    let pending = this.#inFlight.get(lookup.key);
    if (pending === undefined) {
      pending = this.#load(lookup).finally(() => this.#inFlight.delete(lookup.key));
      this.#inFlight.set(lookup.key, pending);
    }
    return copy(await pending);
  }

  /** Stops waiting for other processes' locks. */
  close(): void {
    this.#closing.abort(new Error("the role credential cache was closed"));
  }

  async #load(lookup: RoleCredentialsLookup): Promise<SsoRoleCredentials> {
    const credentials =
      this.#options.dir === undefined ? (await lookup.fetch(await lookup.source?.())).credentials : await this.#fromDisk(this.#options.dir, lookup);
    this.#memory.set(lookup.key, credentials);
    return credentials;
  }

  async #fromDisk(dir: string, lookup: RoleCredentialsLookup): Promise<SsoRoleCredentials> {
    const { key, accountId, forceRefresh, logger } = lookup;
    const { clock } = this.#options;
    const path = join(dir, `${key}.json`);
    const seen = await this.#read(path, logger);
    if (seen !== undefined && !forceRefresh && this.#fresh(seen.expiration)) {
      logger?.debug?.(`${LOG_PREFIX} role credentials from the cache file ${path}, valid until ${seen.expiration.toISOString()}`);
      return seen.toCredentials(accountId);
    }

    const source = await lookup.source?.();
    // Another process's new entry, written since `seen` was read, ends a wait for the lock or makes a fetch needless.
    let adopted: RoleCacheEntry | undefined;
    const adoptable = async (): Promise<boolean> => {
      const read = await readRoleCacheFile(path);
      if (read.kind !== "entry") return false;
      const entry = read.entry;
      const usable = entry.sameAs(seen) ? !forceRefresh && this.#fresh(entry.expiration) : entry.expiration.getTime() > clock.now();
      if (usable) adopted = entry;
      return usable;
    };
    let lock: FileLock | undefined;
    try {
      await makePrivateDir(dir);
      lock = await lockFile(path, this.#options.lock, { clock, logger, stopWaiting: adoptable, signal: this.#closing.signal });
    } catch (error) {
      this.#warn(
        logger,
        `lock:${path}`,
        `${LOG_PREFIX} could not take the lock ${path}.lock (${lockFailure(error)}); fetching role credentials without it`,
      );
    }
    if (lock === undefined && adopted !== undefined) return this.#useAdopted(adopted, path, accountId, logger);
    try {
      if (lock !== undefined && (await adoptable())) return this.#useAdopted(adopted as RoleCacheEntry, path, accountId, logger);
      const fetched = await lookup.fetch(source);
      try {
        await writeFileAtomic(path, fetched.cacheText);
        logger?.debug?.(`${LOG_PREFIX} wrote role credentials to the cache file ${path}`);
      } catch (error) {
        this.#warn(
          logger,
          `write:${path}`,
          `${LOG_PREFIX} could not write the role credential cache file ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)}); ` +
            `the credentials are used, but other processes will fetch their own. Fix the permissions of ${dir} (chmod 700, owned by you).`,
        );
      }
      return fetched.credentials;
    } finally {
      await lock?.release();
    }
  }

  #useAdopted(entry: RoleCacheEntry, path: string, accountId: string, logger: Logger | undefined): SsoRoleCredentials {
    logger?.info?.(`${LOG_PREFIX} role credentials were fetched meanwhile by another process; using them from ${path}`);
    return entry.toCredentials(accountId);
  }

  /** The file's entry; a file that cannot be used is a warning (once per file and problem) and no entry. */
  async #read(path: string, logger: Logger | undefined): Promise<RoleCacheEntry | undefined> {
    const read = await readRoleCacheFile(path);
    if (read.kind === "entry") return read.entry;
    if (read.kind === "unusable") {
      const what = read.untrusted ? "not trusted" : "not usable";
      this.#warn(logger, `read:${path}:${read.problem}`, `${LOG_PREFIX} ignoring the role credential cache file ${path}: it ${read.problem} (${what}); fetching new credentials`);
    }
    return undefined;
  }

  #warn(logger: Logger | undefined, id: string, message: string): void {
    if (this.#warned.has(id)) return;
    this.#warned.add(id);
    logger?.warn?.(message);
  }

  #fresh(expiration: Date): boolean {
    return expiration.getTime() - this.#options.refreshWindowMs > this.#options.clock.now();
  }
}

function lockFailure(error: unknown): string {
  if (error instanceof SsoTokenCacheLockTimeoutError) return `another process held it for ${error.waitedMs} ms`;
  const cause = error instanceof SsoTokenCacheWriteError ? error.cause : error;
  return (cause as NodeJS.ErrnoException | undefined)?.code ?? String((cause as Error | undefined)?.message ?? cause);
}

function copy(credentials: SsoRoleCredentials): SsoRoleCredentials {
  const { $source: _marks, ...fields } = credentials;
  return { ...fields, expiration: new Date(credentials.expiration.getTime()) };
}
