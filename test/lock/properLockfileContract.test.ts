// What src/lock leans on in proper-lockfile, pinned: ownedLockFs wraps the fs calls it makes, and
// feeds its stale check. If an upgrade changes which calls it makes, in which order, or how it
// decides that a lock is stale, these fail, before the lock quietly stops being one.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { mkdir, mkdtemp, readFile, rm, stat, utimes } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

import { lock } from "proper-lockfile";

const STALE_MS = 2_000;
let root: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), "lock-contract-"));
});
after(() => rm(root, { recursive: true, force: true }));

type Stat = (path: fs.PathLike, callback: (error: NodeJS.ErrnoException | null, stats?: fs.Stats) => void) => void;

/** The fs calls proper-lockfile makes, passed through to the real fs and recorded as "call path". */
function recordingFs(calls: string[], stat: Stat = fs.stat) {
  const record = (name: string, path: fs.PathLike) => calls.push(`${name} ${String(path)}`);
  return {
    mkdir: (path: fs.PathLike, callback: fs.NoParamCallback) => (record("mkdir", path), fs.mkdir(path, callback)),
    stat: ((path, callback) => (record("stat", path), stat(path, callback))) as Stat,
    utimes: (path: fs.PathLike, atime: Date, mtime: Date, callback: fs.NoParamCallback) => (record("utimes", path), fs.utimes(path, atime, mtime, callback)),
    rmdir: (path: fs.PathLike, callback: fs.NoParamCallback) => (record("rmdir", path), fs.rmdir(path, callback)),
    rmdirSync: (path: fs.PathLike) => (record("rmdirSync", path), fs.rmdirSync(path)),
    realpath: (path: fs.PathLike, callback: (error: NodeJS.ErrnoException | null, resolved?: string) => void) =>
      (record("realpath", path), fs.realpath(path, callback)),
  };
}

/** The options src/lock/lockFile.ts passes, with `fs` and the lock path given. */
function options(fsOption: object, lockfilePath: string, onCompromised: (error: Error) => void = () => undefined) {
  return { fs: fsOption, lockfilePath, realpath: false, stale: STALE_MS, update: 1_000, retries: 0, onCompromised };
}

async function until(predicate: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !predicate(); i++) await sleep(50);
  assert.ok(predicate(), what);
}

const prefixed = (lockPath: string, calls: string[]) => calls.map((call) => `${call} ${lockPath}`);

test("the installed proper-lockfile is the version package.json pins, exactly", async () => {
  const require = createRequire(import.meta.url);
  const pkg = JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8")) as { dependencies: Record<string, string> };
  const pinned = pkg.dependencies["proper-lockfile"] ?? "";
  assert.match(pinned, /^\d+\.\d+\.\d+$/, "an exact version, no range: src/lock/ownedLockFs.ts depends on its internals");
  assert.equal((require("proper-lockfile/package.json") as { version: string }).version, pinned);
});

test("acquire, touch, release: mkdir, then the mtime probe (utimes, stat), then stat and utimes every `update`, then rmdir", async () => {
  const file = join(root, "cycle.json");
  const lockPath = join(root, "cycle.custom-lock");
  const calls: string[] = [];
  const recording = recordingFs(calls);
  const release = await lock(file, options(recording, lockPath));
  assert.deepEqual(calls, prefixed(lockPath, ["mkdir", "utimes", "stat"]), "lockfilePath is the lock; no realpath");
  assert.ok((await stat(lockPath)).isDirectory());
  const probed = (await stat(lockPath)).mtimeMs;

  calls.length = 0;
  await until(() => calls.length >= 2, "touched within a few seconds");
  assert.deepEqual(calls.slice(0, 2), prefixed(lockPath, ["stat", "utimes"]), "checks the mtime is its own, then touches it");
  await until(() => fs.statSync(lockPath).mtimeMs !== probed, "the touch is seen");

  calls.length = 0;
  await release();
  assert.deepEqual(calls, prefixed(lockPath, ["rmdir"]));
  assert.ok(!fs.existsSync(lockPath));

  // The mtime precision is probed once per fs object: then the stat after mkdir is all.
  calls.length = 0;
  const again = await lock(file, options(recording, lockPath));
  assert.deepEqual(calls, prefixed(lockPath, ["mkdir", "stat"]));
  await again();
});

test("a held lock: mkdir fails, one stat judges the mtime, ELOCKED (one attempt with retries 0)", async () => {
  const file = join(root, "held.json");
  const lockPath = `${file}.lock`;
  const release = await lock(file, options(recordingFs([]), lockPath));
  try {
    const calls: string[] = [];
    await assert.rejects(lock(file, options(recordingFs(calls), lockPath)), { code: "ELOCKED" });
    assert.deepEqual(calls, prefixed(lockPath, ["mkdir", "stat"]));
  } finally {
    await release();
  }
});

test("stale is `mtime < Date.now() - stale`: removed with rmdir, then mkdir again", async () => {
  const file = join(root, "stale.json");
  const lockPath = `${file}.lock`;
  await mkdir(lockPath);
  const fresh = new Date(Date.now() - STALE_MS + 10_000);
  await utimes(lockPath, fresh, fresh);
  await assert.rejects(lock(file, options(recordingFs([]), lockPath)), { code: "ELOCKED" }, "not yet stale");

  const old = new Date(Date.now() - STALE_MS - 10_000);
  await utimes(lockPath, old, old);
  const calls: string[] = [];
  const release = await lock(file, options(recordingFs(calls), lockPath));
  assert.deepEqual(calls, prefixed(lockPath, ["mkdir", "stat", "rmdir", "mkdir", "utimes", "stat"]));
  await release();
});

test("its stale check reads only the mtime of the stat it is given: a stat reporting an old mtime makes a fresh lock stale", async () => {
  const file = join(root, "fed.json");
  const lockPath = `${file}.lock`;
  await mkdir(lockPath);
  // What ownedLockFs does for a lock whose owner is dead: the real stats, with mtime the epoch.
  let fed = 0;
  const feeding: Stat = (path, callback) =>
    fs.stat(path, (error, stats) => {
      if (error !== null || fed++ > 0) return callback(error, stats);
      callback(null, Object.create(stats, { mtime: { value: new Date(0) }, mtimeMs: { value: 0 } }) as fs.Stats);
    });
  const calls: string[] = [];
  const release = await lock(file, options(recordingFs(calls, feeding), lockPath));
  assert.deepEqual(calls, prefixed(lockPath, ["mkdir", "stat", "rmdir", "mkdir", "utimes", "stat"]));
  await release();
});

test("an error from its stat or its stale-removal rmdir fails the attempt with that very error; a removal reported done goes on to mkdir", async () => {
  const file = join(root, "errors.json");
  const lockPath = `${file}.lock`;
  await mkdir(lockPath);
  const old = new Date(Date.now() - 60_000);
  await utimes(lockPath, old, old);
  // ownedLockFs throws its own error (junk at the lock path) from these two calls.
  const ours = Object.assign(new Error("junk"), { code: "EJUNK" });
  const failingStat: Stat = (_path, callback) => callback(ours);
  await assert.rejects(lock(file, options(recordingFs([], failingStat), lockPath)), (error: unknown) => error === ours);
  const failingRmdir = { ...recordingFs([]), rmdir: (_path: fs.PathLike, callback: fs.NoParamCallback) => callback(ours) };
  await assert.rejects(lock(file, options(failingRmdir, lockPath)), (error: unknown) => error === ours);

  // An rmdir that leaves the directory (it is no longer the one judged stale) and reports success:
  // the mkdir that follows finds it held, and the attempt ends as for a held lock.
  const calls: string[] = [];
  const leaving = { ...recordingFs(calls), rmdir: (path: fs.PathLike, callback: fs.NoParamCallback) => (calls.push(`rmdir ${String(path)}`), callback(null)) };
  await assert.rejects(lock(file, options(leaving, lockPath)), { code: "ELOCKED" });
  assert.deepEqual(calls, prefixed(lockPath, ["mkdir", "stat", "rmdir", "mkdir"]));
  await rm(lockPath, { recursive: true });
});

test("its table of held locks is keyed by the file argument, the lock being lockfilePath: one key's release leaves another's entry alone", async () => {
  // src/lock/lockFile.ts gives each acquisition its own key, so that two locks of one file in one
  // process (one took the other's over) do not share an entry, timers and release.
  const lockPath = join(root, "keys.lock");
  const first = await lock(join(root, "key-1"), options(recordingFs([]), lockPath));
  await assert.rejects(lock(join(root, "key-2"), options(recordingFs([]), lockPath)), { code: "ELOCKED" }, "the lock is lockfilePath, whatever the key");
  const old = new Date(Date.now() - 60_000);
  await utimes(lockPath, old, old);
  const calls: string[] = [];
  const second = await lock(join(root, "key-2"), options(recordingFs(calls), lockPath));
  // The first holder's release goes through its own fs (here a plain one, which removes the lock)...
  await first().catch(() => undefined);
  calls.length = 0;
  // ...and the second's entry is still its own: its release reaches its fs.
  await second();
  assert.deepEqual(calls, prefixed(lockPath, ["rmdir"]));
});

test("a lock removed under its holder is reported to onCompromised (not thrown) at its next check", async () => {
  const file = join(root, "compromised.json");
  const lockPath = `${file}.lock`;
  const compromised: Error[] = [];
  const release = await lock(file, options(recordingFs([]), lockPath, (error) => compromised.push(error)));
  await rm(lockPath, { recursive: true });
  await until(() => compromised.length > 0, "onCompromised called");
  assert.equal((compromised[0] as NodeJS.ErrnoException).code, "ECOMPROMISED");
  await assert.rejects(release(), { code: "ERELEASED" });
});

test("its exit hook removes a held lock with the rmdirSync of the fs it was given", () => {
  const script = fileURLToPath(new URL("../fixtures/lockExitHook.mjs", import.meta.url));
  const file = join(root, "exit.json");
  const lockPath = `${file}.lock`;
  const result = spawnSync(process.execPath, [script, file, lockPath], { encoding: "utf8", timeout: 20_000 });
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(result.stderr.trim().split("\n"), ["locked", `rmdirSync ${lockPath}`]);
  assert.ok(!fs.existsSync(lockPath));
});
