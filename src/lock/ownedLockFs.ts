import * as fs from "node:fs";

/** The file system calls proper-lockfile makes, with the lock's ownership checked on release. */
export interface OwnedLockFs {
  /** Pass as proper-lockfile's `fs` option. */
  readonly fs: Pick<typeof fs, "mkdir" | "stat" | "rmdir" | "rmdirSync" | "utimes" | "realpath">;
  /** Call once proper-lockfile has taken the lock: stats from then on are its checks, not its probe of the new lock. */
  acquired(): void;
  /** Call before proper-lockfile's release: its rmdir then removes the lock only if it is still ours. */
  releasing(): void;
}

/**
 * proper-lockfile removes the lock directory on release without looking whose it is. If this
 * process stalled past `staleMs`, another took the lock over, and proper-lockfile's own check
 * (a timer) has not run yet, that removes the other process's lock and lets a third one in.
 *
 * This wraps the calls it makes to remember the lock's mtime as proper-lockfile last set it (the
 * last stat while acquiring, then each touch), and on release removes the directory only if its
 * mtime is still that one; otherwise `onForeignLock` is called and the directory is left alone.
 */
export function ownedLockFs(lockPath: string, onForeignLock: () => void): OwnedLockFs {
  let acquired = false;
  let releasing = false;
  // Ours: the mtime we last set, and one being set right now (a touch in flight during release).
  const ours = new Set<number>();

  const wrapped = {
    mkdir: fs.mkdir,
    realpath: fs.realpath,
    stat(path: fs.PathLike, callback: (error: NodeJS.ErrnoException | null, stats: fs.Stats) => void): void {
      fs.stat(path, (error, stats) => {
        // While acquiring, the last stat of the lock is proper-lockfile's probe of the one it just made.
        if (error === null && !acquired && path === lockPath) {
          ours.clear();
          ours.add(stats.mtime.getTime());
        }
        callback(error, stats);
      });
    },
    utimes(path: fs.PathLike, atime: fs.TimeLike, mtime: Date, callback: (error: NodeJS.ErrnoException | null) => void): void {
      const touching = path === lockPath ? mtime.getTime() : undefined;
      if (touching !== undefined) ours.add(touching);
      fs.utimes(path, atime, mtime, (error) => {
        if (touching !== undefined && error === null && acquired) {
          ours.clear();
          ours.add(touching);
        }
        callback(error);
      });
    },
    rmdir(path: fs.PathLike, callback: (error: NodeJS.ErrnoException | null) => void): void {
      if (!releasing || path !== lockPath) {
        fs.rmdir(path, callback);
        return;
      }
      fs.stat(path, (error, stats) => {
        if (error !== null) return callback(error);
        if (!ours.has(stats.mtime.getTime())) {
          onForeignLock();
          return callback(null);
        }
        fs.rmdir(path, callback);
      });
    },
    // proper-lockfile's exit hook (process.exit, SIGINT, SIGTERM, SIGHUP) removes held locks with
    // rmdirSync, and swallows any error: without this, every lock held at exit stayed for staleMs.
    rmdirSync(path: fs.PathLike): void {
      if (acquired && path === lockPath) {
        let mtime: number;
        try {
          mtime = fs.statSync(path).mtime.getTime();
        } catch {
          return; // already gone: nothing to remove
        }
        if (!ours.has(mtime)) return; // another process's lock: leave it
      }
      fs.rmdirSync(path);
    },
  } as unknown as OwnedLockFs["fs"];

  return {
    fs: wrapped,
    acquired() {
      acquired = true;
    },
    releasing() {
      releasing = true;
    },
  };
}
