import * as fs from "node:fs";
import { lstat, readdir, readlink, rmdir, stat, unlink } from "node:fs/promises";
import { join } from "node:path";

import { SsoTokenCacheLockPathError } from "../errors/SsoTokenCacheLockPathError.js";
import type { HostIdentity } from "./hostIdentity.js";
import { LockOwner } from "./LockOwner.js";
import { processIsGone } from "./processIsGone.js";

/** The file system calls proper-lockfile makes, with the lock's owner recorded and checked. */
export interface OwnedLockFs {
  /** Pass as proper-lockfile's `fs` option. */
  readonly fs: Pick<typeof fs, "mkdir" | "stat" | "rmdir" | "rmdirSync" | "utimes" | "realpath">;
  /** Call once proper-lockfile has taken the lock: stats from then on are its checks, not its probe of the new lock. */
  acquired(): void;
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
  ino: number;
  mtimeMs: number;
}

type Callback<T = void> = (error: NodeJS.ErrnoException | null, value?: T) => void;

/**
 * Wraps the calls proper-lockfile makes on the lock directory, which it knows only by its mtime:
 *
 * - After its mkdir succeeds, writes the owner record (`owner.json`: pid, host, time, nonce) into
 *   the directory, before proper-lockfile sets and reads the mtime it will keep checking (a file
 *   written later would change the directory's mtime and look like a takeover).
 * - Its stale check (a stat of a lock it could not create) sees the lock as old when the record
 *   names a process on this host that no longer exists, or when the mtime is more than `staleMs`
 *   ahead of now (the clock was set back): proper-lockfile then takes it over at once, by its own
 *   steps. Junk at the lock path (a file, a symbolic link) is a {@link SsoTokenCacheLockPathError}.
 * - Every rmdir of the lock removes the owner record first, which an empty-directory rmdir needs:
 *   the stale takeover (only if the directory is still the one judged stale: narrows
 *   proper-lockfile's takeover race to the few calls between that check and the rmdir), the
 *   release and the exit hook (only if the lock is still ours: mtime as last set, and our nonce).
 *   proper-lockfile removes the lock on release without looking whose it is: if this process
 *   stalled past `staleMs` and another took the lock over, that would remove the other's lock
 *   and let a third in; then `onForeignLock` is called instead and the directory left alone.
 */
export function ownedLockFs(options: OwnedLockFsOptions): OwnedLockFs {
  const { lockPath, staleMs, host } = options;
  const ownerFile = join(lockPath, LockOwner.FILE_NAME);
  let phase: "acquiring" | "held" | "releasing" = "acquiring";
  // Whether the last mkdir of the lock, in this attempt, was ours: the stats that follow are then
  // proper-lockfile's probe of our new lock, not its stale check of another's.
  let made = false;
  let mine: LockOwner | undefined;
  let judged: Judged | undefined;
  let holder: LockOwner | undefined;
  let tookOver: TakenOver | undefined;
  // Ours: the mtime we last set, and one being set right now (a touch in flight during release).
  const ours = new Set<number>();

  /** proper-lockfile's stale check: the lock as it should judge it. */
  async function judge(): Promise<fs.Stats> {
    const stats = await lstat(lockPath);
    if (!stats.isDirectory()) throw await junkError(lockPath, stats);
    const owner = await LockOwner.read(lockPath);
    holder = owner;
    let reason: TakenOver["reason"] = "stale";
    if (owner?.isOn(host) && (await processIsGone(owner.pid))) reason = "dead";
    // Wall time, as proper-lockfile's own comparison of the mtime with Date.now().
    else if (stats.mtimeMs > Date.now() + staleMs) reason = "future";
    judged = { owner, reason, ino: stats.ino, mtimeMs: stats.mtimeMs };
    return reason === "stale" ? stats : Object.create(stats, { mtime: { value: new Date(0) }, mtimeMs: { value: 0 } });
  }

  /** proper-lockfile's removal of a lock it found stale. */
  async function removeStale(): Promise<void> {
    let stats: fs.Stats;
    try {
      stats = await lstat(lockPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    if (!stats.isDirectory()) throw await junkError(lockPath, stats);
    // Replaced since it was judged (another waiter took it over first): not stale, leave it. The
    // mkdir that follows finds it, and this attempt ends as one that found the lock held.
    if (judged === undefined || stats.ino !== judged.ino || stats.mtimeMs !== judged.mtimeMs) return;
    if ((await LockOwner.read(lockPath))?.nonce !== judged.owner?.nonce) return;
    const others = (await readdir(lockPath)).filter((name) => name !== LockOwner.FILE_NAME);
    if (others.length > 0) {
      const listed = others.slice(0, 3).join(", ") + (others.length > 3 ? ", ..." : "");
      throw new SsoTokenCacheLockPathError({ path: lockPath, found: `a directory holding files no lock has (${listed})` });
    }
    await unlink(ownerFile).catch(ignore("ENOENT"));
    // ENOTEMPTY: another waiter's new lock, its record just written; left to it, as above.
    const removed = await rmdir(lockPath).then(() => true, ignore("ENOENT", "ENOTEMPTY", "EEXIST"));
    if (removed === true) tookOver = { owner: judged.owner, reason: judged.reason };
  }

  /** Release: remove the lock only if it is still ours. */
  async function removeOurs(): Promise<void> {
    const stats = await lstat(lockPath);
    const owner = await LockOwner.read(lockPath);
    if (!ours.has(stats.mtime.getTime()) || (owner !== undefined && owner.nonce !== mine?.nonce)) {
      options.onForeignLock();
      return;
    }
    await unlink(ownerFile).catch(ignore("ENOENT"));
    await rmdir(lockPath);
  }

  const wrapped = {
    realpath: fs.realpath,
    mkdir(path: fs.PathLike, callback: Callback): void {
      if (path !== lockPath) return void fs.mkdir(path, callback);
      made = false;
      holder = undefined;
      fs.mkdir(path, (error) => {
        if (error !== null) return callback(error);
        made = true;
        mine = options.newOwner();
        // The record is for others to read; a lock without one (a full disk) is still a lock.
        fs.writeFile(ownerFile, mine.serialize(), { mode: 0o600, flag: "wx" }, () => callback(null));
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
      // Our own new lock, whose probe failed: proper-lockfile gives it up.
      else if (made) removal = unlink(ownerFile).catch(ignore("ENOENT")).then(() => rmdir(lockPath));
      else removal = removeStale();
      removal.then(
        () => callback(null),
        (error: NodeJS.ErrnoException) => callback(error),
      );
    },
    // proper-lockfile's exit hook (process.exit, SIGINT, SIGTERM, SIGHUP) removes held locks with
    // rmdirSync, and swallows any error: without this, every lock held at exit stayed for staleMs.
    rmdirSync(path: fs.PathLike): void {
      if (path === lockPath && phase !== "acquiring") {
        let mtime: number;
        try {
          mtime = fs.lstatSync(path).mtime.getTime();
        } catch {
          return; // already gone: nothing to remove
        }
        if (!ours.has(mtime)) return; // another process's lock: leave it
        const owner = LockOwner.readSync(lockPath);
        if (owner !== undefined && owner.nonce !== mine?.nonce) return;
        try {
          fs.unlinkSync(ownerFile);
        } catch {
          // none written, or removed already
        }
      }
      fs.rmdirSync(path);
    },
  } as unknown as OwnedLockFs["fs"];

  return {
    fs: wrapped,
    acquired() {
      phase = "held";
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

/** A rejection handler that resolves for errors with these codes and rethrows the others. */
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
