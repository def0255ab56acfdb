import * as fs from "node:fs";
import { lstat, readlink, rmdir, stat, unlink } from "node:fs/promises";
import { join } from "node:path";

import { SsoTokenCacheLockPathError } from "../errors/SsoTokenCacheLockPathError.js";
import type { HostIdentity } from "./hostIdentity.js";
import { LockOwner } from "./LockOwner.js";
import { processIsGone } from "./processIsGone.js";
import { readLockDirectory } from "./readLockDirectory.js";

/** The file system calls proper-lockfile makes, with the lock's owner recorded and checked. */
export interface OwnedLockFs {
  /** Pass as proper-lockfile's `fs` option. */
  readonly fs: Pick<typeof fs, "mkdir" | "stat" | "rmdir" | "rmdirSync" | "utimes" | "realpath">;
  /**
   * Call once proper-lockfile says it has taken the lock. Resolves false when the lock is not ours
   * after all (another process removed it, in the instant between its mkdir and its record, taking
   * a stale lock over): then release it with {@link abandon} first, and try again.
   */
  acquired(): Promise<boolean>;
  /** Lets go of a lock {@link acquired} found not ours, with proper-lockfile's `release`, removing nothing; then the next attempt may start. */
  abandon(release: () => Promise<void>): Promise<void>;
  /** Call before proper-lockfile's release: its rmdir then removes the lock only if it is still ours. */
  releasing(): void;
  /** The owner record of the lock another process held at the last attempt (undefined: none that could be read). */
  readonly holder: LockOwner | undefined;
  /** The lock this acquisition removed before taking its place, and why it counted as stale. */
  readonly tookOver: TakenOver | undefined;
}

export interface TakenOver {
  owner: LockOwner | undefined;
  /** `dead`: its process no longer exists; `future`: its mtime is ahead of now by more than staleMs; `stale`: not touched for staleMs. */
  reason: "dead" | "future" | "stale";
}

export interface OwnedLockFsOptions {
  lockPath: string;
  staleMs: number;
  /** Where this process runs: an owner recorded here whose process is gone has left its lock for good. */
  host: HostIdentity;
  /** The record to write into a lock directory this process has just made. */
  newOwner: () => LockOwner;
  /** Release found the lock directory to be another process's, and left it. */
  onForeignLock: () => void;
}

/** What a waiter saw of a held lock when it judged it: the lock proper-lockfile may then remove. */
interface Judged extends TakenOver {
  identity: string;
  /** The owner records in it, removed by name before the directory. */
  records: string[];
}

type Callback<T = void> = (error: NodeJS.ErrnoException | null, value?: T) => void;

/**
 * Wraps the calls proper-lockfile makes on the lock directory, which it knows only by its mtime:
 *
 * - After its mkdir succeeds, writes the owner record (`owner-<nonce>.json`: pid, host, time,
 *   nonce) into the directory, before proper-lockfile sets and reads the mtime it will keep
 *   checking (a file written later would change the directory's mtime and look like a takeover).
 * - Its stale check (a stat of a lock it could not create) sees the lock as old when the record
 *   names a process on this host that no longer exists, or when the mtime is more than `staleMs`
 *   ahead of now (the clock was set back): proper-lockfile then takes it over at once, by its own
 *   steps. Junk at the lock path (a file, a symbolic link, a stale directory holding other files)
 *   is a {@link SsoTokenCacheLockPathError}.
 * - Its rmdir of a stale lock removes only the directory judged, its record first (see
 *   `removeStale`): proper-lockfile alone removes whatever is there once it has judged, which may
 *   be the lock another waiter has just made in its place.
 * - Its release and its exit hook's rmdirSync remove the lock only if it is still ours (the
 *   directory we made, the mtime as we last set it, and our record in it), our record first.
 *   proper-lockfile removes the lock on release without looking whose it is: if this process
 *   stalled past `staleMs` and another took the lock over, that would remove the other's lock and
 *   let a third in; then `onForeignLock` is called instead and the directory left alone.
 */
export function ownedLockFs(options: OwnedLockFsOptions): OwnedLockFs {
  const { lockPath, staleMs, host } = options;
  let phase: "acquiring" | "held" | "releasing" | "abandoning" = "acquiring";
  // Whether the last mkdir of the lock, in this attempt, was ours: the stats that follow are then
  // proper-lockfile's probe of our new lock, not its stale check of another's.
  let made = false;
  // The directory we made (inode and birth time, read right after the mkdir): a directory removed
  // and made again at once may reuse the inode, but is born later.
  let madeAs: string | undefined;
  // Our record's name, once written. A lock without one (a full disk) is still a lock, but not one
  // whose directory was gone before the record could be written (`lost`): another process's now,
  // which proper-lockfile would go on to probe and touch as ours.
  let record: string | undefined;
  let lost = false;
  let judged: Judged | undefined;
  let holder: LockOwner | undefined;
  let tookOver: TakenOver | undefined;
  // Ours: the mtime we last set, and one being set right now (a touch in flight during release).
  const ours = new Set<number>();

  /** proper-lockfile's stale check: the lock as it should judge it. */
  async function judge(): Promise<fs.Stats> {
    const stats = await lstat(lockPath);
    if (!stats.isDirectory()) throw await junkError(lockPath, stats);
    const { owner, records, others } = await readLockDirectory(lockPath);
    holder = owner;
    // Wall time, as proper-lockfile's own comparison of the mtime with Date.now().
    const now = Date.now();
    let reason: TakenOver["reason"] | undefined;
    if (owner?.isOn(host) && (await processIsGone(owner.pid))) reason = "dead";
    else if (stats.mtimeMs > now + staleMs) reason = "future";
    else if (stats.mtimeMs < now - staleMs) reason = "stale";
    if (reason !== undefined && others.length > 0) {
      const listed = others.slice(0, 3).join(", ") + (others.length > 3 ? ", ..." : "");
      throw new SsoTokenCacheLockPathError({ path: lockPath, found: `a directory holding files no lock has (${listed})` });
    }
    judged = { owner, reason: reason ?? "stale", identity: identity(stats), records };
    if (reason !== "dead" && reason !== "future") return stats;
    return Object.create(stats, { mtime: { value: new Date(0) }, mtimeMs: { value: 0 } }) as fs.Stats;
  }

  /**
   * proper-lockfile's removal of a lock it found stale: only the directory judged. One holding a
   * record is claimed by unlinking that record, by name: only that directory ever held it, and only
   * one of the processes that judged it stale at once can unlink it; the others leave the lock to
   * that one. One without a record (an older version's) is removed if it is still the same
   * directory, as proper-lockfile alone would remove it (a new lock could be made between that
   * check and the rmdir: proper-lockfile's own takeover race; {@link OwnedLockFs.acquired} tells
   * the process whose lock that was).
   */
  async function removeStale(): Promise<void> {
    if (judged === undefined) return;
    if (judged.records.length > 0) {
      let claimed = false;
      for (const name of judged.records) if (await unlink(join(lockPath, name)).then(() => true, ignore("ENOENT", "ENOTDIR"))) claimed = true;
      if (!claimed) return;
    } else {
      const stats = await lstat(lockPath).catch(ignore("ENOENT"));
      if (stats === false) return;
      if (!stats.isDirectory()) throw await junkError(lockPath, stats);
      if (identity(stats) !== judged.identity) return;
    }
    // Not removed: the mkdir that follows finds the lock there, and the attempt ends as one that found it held.
    const removed = await rmdir(lockPath).then(() => true, ignore("ENOENT", "ENOTEMPTY", "EEXIST"));
    if (removed) tookOver = { owner: judged.owner, reason: judged.reason };
  }

  /** Unlinks our record: true when it was there, and so the directory ours to remove. */
  async function claimOurs(): Promise<boolean> {
    if (record === undefined) return !lost && birth(await lstat(lockPath)) === madeAs;
    return unlink(join(lockPath, record)).then(() => true, ignore("ENOENT"));
  }

  /** Whether the lock directory is the one we made, with proper-lockfile's last touch. */
  async function isOurs(): Promise<boolean> {
    if (lost) return false;
    const stats = await lstat(lockPath);
    if (!stats.isDirectory() || birth(stats) !== madeAs || !ours.has(stats.mtime.getTime())) return false;
    return record === undefined || (await lstat(join(lockPath, record)).then(() => true, ignore("ENOENT")));
  }

  /** Release: remove the lock only if it is still ours. */
  async function removeOurs(): Promise<void> {
    // Our record unlinked is the lock claimed: nobody else removes it but one who judged it stale
    // and unlinked the record first.
    if (!(await isOurs()) || !(await claimOurs())) {
      options.onForeignLock();
      return;
    }
    await removeClaimed();
  }

  /** Removes the lock directory whose record we have just unlinked. */
  async function removeClaimed(): Promise<void> {
    // A record left by a process that lost the race for this very directory: see `lost`.
    for (const name of (await readLockDirectory(lockPath)).records) await unlink(join(lockPath, name)).catch(ignore("ENOENT"));
    await rmdir(lockPath);
  }

  const wrapped = {
    realpath: fs.realpath,
    mkdir(path: fs.PathLike, callback: Callback): void {
      if (path !== lockPath) return void fs.mkdir(path, callback);
      made = false;
      holder = undefined;
      fs.mkdir(path, (error) => {
        // Whatever this attempt removed, another process's lock is there now.
        if (error !== null && error.code === "EEXIST") tookOver = undefined;
        if (error !== null) return callback(error);
        made = true;
        record = undefined;
        madeAs = undefined;
        const owner = options.newOwner();
        const name = LockOwner.fileName(owner.nonce);
        fs.lstat(lockPath, (statError, stats) => {
          if (statError === null) madeAs = birth(stats);
          fs.writeFile(join(lockPath, name), owner.serialize(), { mode: 0o600, flag: "wx" }, (writeError) => {
            if (writeError === null) record = name;
            lost = statError !== null || writeError?.code === "ENOENT";
            callback(null);
          });
        });
      });
    },
    stat(path: fs.PathLike, callback: Callback<fs.Stats>): void {
      if (path !== lockPath || phase !== "acquiring") return void fs.stat(path, callback);
      if (!made) {
        judge().then(
          (stats) => callback(null, stats),
          (error: NodeJS.ErrnoException) => callback(error),
        );
        return;
      }
      fs.stat(path, (error, stats) => {
        // proper-lockfile's probe of the lock we just made: the mtime it keeps.
        if (error === null) {
          ours.clear();
          ours.add(stats.mtime.getTime());
        }
        callback(error, stats);
      });
    },
    utimes(path: fs.PathLike, atime: fs.TimeLike, mtime: Date, callback: Callback): void {
      const touching = path === lockPath ? mtime.getTime() : undefined;
      if (touching !== undefined) ours.add(touching);
      fs.utimes(path, atime, mtime, (error) => {
        if (touching !== undefined && error === null && phase !== "acquiring") {
          ours.clear();
          ours.add(touching);
        }
        callback(error);
      });
    },
    rmdir(path: fs.PathLike, callback: Callback): void {
      if (path !== lockPath) return void fs.rmdir(path, callback);
      let removal: Promise<void>;
      if (phase === "releasing") removal = removeOurs();
      else if (phase === "abandoning") removal = Promise.resolve();
      // Our own new lock, whose probe failed: proper-lockfile gives it up.
      else if (made) removal = claimOurs().then((mine) => (mine ? removeClaimed() : undefined));
      else removal = removeStale();
      removal.then(
        () => callback(null),
        (error: NodeJS.ErrnoException) => callback(error),
      );
    },
    // proper-lockfile's exit hook (process.exit, SIGINT, SIGTERM, SIGHUP) removes held locks with
    // rmdirSync, and swallows any error: without this, every lock held at exit stayed for staleMs.
    rmdirSync(path: fs.PathLike): void {
      if (path !== lockPath) return fs.rmdirSync(path);
      if (phase !== "held" && phase !== "releasing") return;
      try {
        const stats = fs.lstatSync(path);
        if (birth(stats) !== madeAs || !ours.has(stats.mtime.getTime())) return; // another process's lock: leave it
        if (record !== undefined) fs.unlinkSync(join(lockPath, record)); // not there: not ours
      } catch {
        return;
      }
      try {
        for (const name of fs.readdirSync(path)) if (LockOwner.nonceOf(name) !== undefined) fs.unlinkSync(join(lockPath, name));
      } catch {
        // the rmdir says whether it is empty
      }
      fs.rmdirSync(path);
    },
  } as unknown as OwnedLockFs["fs"];

  return {
    fs: wrapped,
    async acquired() {
      phase = "held";
      return isOurs().catch(() => false);
    },
    async abandon(release) {
      phase = "abandoning";
      await release().catch(() => undefined);
      phase = "acquiring";
    },
    releasing() {
      phase = "releasing";
    },
    get holder() {
      return holder;
    },
    get tookOver() {
      return tookOver;
    },
  };
}

/** Which directory this is: inode and birth time (a directory made again may reuse the inode). */
function birth(stats: fs.Stats): string {
  return `${stats.ino}@${stats.birthtimeMs}`;
}

/** Which directory this is, as last changed: a stale lock is removed only if this has not changed since it was judged. */
function identity(stats: fs.Stats): string {
  return `${birth(stats)}/${stats.ctimeMs}/${stats.mtimeMs}`;
}

/** A rejection handler that resolves false for errors with these codes and rethrows the others. */
function ignore(...codes: string[]): (error: NodeJS.ErrnoException) => false {
  return (error) => {
    if (codes.includes(error.code ?? "")) return false;
    throw error;
  };
}

/** What sits at the lock path when it is not a directory, in words. */
async function junkError(lockPath: string, stats: fs.Stats): Promise<SsoTokenCacheLockPathError> {
  let found: string;
  if (stats.isSymbolicLink()) {
    const target = await readlink(lockPath).catch(() => "?");
    const pointee = await stat(lockPath).catch(() => undefined);
    found = `a symbolic link to ${target}${pointee === undefined ? ", which does not exist" : pointee.isDirectory() ? " (a directory)" : ""}`;
  } else if (stats.isFile()) {
    found = "a regular file";
  } else {
    found = "neither a directory nor a file";
  }
  return new SsoTokenCacheLockPathError({ path: lockPath, found });
}
