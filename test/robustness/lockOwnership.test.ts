// Releasing the token cache lock removes it only if it is still ours: a holder that stalled past the
// stale time, and whose lock another process has taken over, must not remove that process's lock
// (which would let a third process in beside it) even before proper-lockfile's timer notices.
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, rmdir, stat, utimes, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";

import { systemClock } from "../../src/clock/systemClock.js";
import { lockFile } from "../../src/lock/lockFile.js";
import { recordingLogger } from "../helpers/ssoFixture.js";

const OPTIONS = { staleMs: 2_000, updateMs: 1_000, waitTimeoutMs: 5_000 };
let root: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), "lock-owner-"));
});
after(() => rm(root, { recursive: true, force: true }));

const exists = (path: string) => stat(path).then(() => true, () => false);

test("release right after a takeover leaves the other process's lock in place, and says so", async () => {
  const file = join(root, "a.json");
  const logger = recordingLogger();
  const lock = await lockFile(file, OPTIONS, { clock: systemClock, logger });
  // Another process found our lock stale, removed it (its owner record, then the directory) and made its own (a different mtime).
  await rm(lock.lockPath, { recursive: true });
  await mkdir(lock.lockPath);
  const theirs = new Date(Date.now() + 3_000);
  await utimes(lock.lockPath, theirs, theirs);
  await lock.release();
  assert.ok(await exists(lock.lockPath), "the other process's lock is still there");
  assert.ok(logger.lines.some((line) => line.level === "warn" && line.message.includes("taken over by another process")));
  await rmdir(lock.lockPath);
});

test("our own lock is removed on release, also after proper-lockfile has touched it", async () => {
  const file = join(root, "b.json");
  const logger = recordingLogger();
  const fresh = await lockFile(file, OPTIONS, { clock: systemClock, logger });
  await fresh.release();
  assert.ok(!(await exists(fresh.lockPath)), "released at once");

  const touched = await lockFile(file, OPTIONS, { clock: systemClock, logger });
  const mtime = (await stat(touched.lockPath)).mtimeMs;
  for (let i = 0; i < 100 && (await stat(touched.lockPath)).mtimeMs === mtime; i++) await sleep(50);
  assert.notEqual((await stat(touched.lockPath)).mtimeMs, mtime, "proper-lockfile touched the lock");
  await touched.release();
  assert.ok(!(await exists(touched.lockPath)), "released after a touch");
  assert.deepEqual(logger.lines.filter((line) => line.level === "warn"), []);
});

test("release leaves a lock another process re-created with the very same mtime: the owner record's nonce tells them apart", async () => {
  const file = join(root, "c.json");
  const logger = recordingLogger();
  const lock = await lockFile(file, OPTIONS, { clock: systemClock, logger });
  const { mtime } = await stat(lock.lockPath);
  await rm(lock.lockPath, { recursive: true });
  await mkdir(lock.lockPath);
  const theirs = { pid: process.pid, hostname: hostname(), acquiredAt: new Date().toISOString(), nonce: "0123456789abcdef0123456789abcdef" };
  await writeFile(join(lock.lockPath, `owner-${theirs.nonce}.json`), JSON.stringify(theirs));
  await utimes(lock.lockPath, mtime, mtime);
  await lock.release();
  assert.ok(await exists(join(lock.lockPath, `owner-${theirs.nonce}.json`)), "the other process's lock and record are still there");
  assert.ok(logger.lines.some((line) => line.level === "warn" && line.message.includes("taken over by another process")));
  await rm(lock.lockPath, { recursive: true });
});

test("two locks of one file held in one process (one took the other's over): each release is its own", async () => {
  const file = join(root, "d.json");
  const logger = recordingLogger();
  const first = await lockFile(file, OPTIONS, { clock: systemClock, logger });
  // The first holder stalls: its lock looks stale, and a second provider of this process takes it over.
  const old = new Date(Date.now() - 60_000);
  await utimes(first.lockPath, old, old);
  const second = await lockFile(file, OPTIONS, { clock: systemClock, logger });
  await first.release();
  assert.ok(await exists(second.lockPath), "the first release left the second's lock");
  await second.release();
  assert.ok(!(await exists(second.lockPath)), "the second release removed it: it was still the second's to release");
});
