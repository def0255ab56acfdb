// The lock records its owner, and a waiter uses the record: a lock whose process has died on this
// host is taken over at once, a lock dated in the future counts as stale, and junk at the lock path
// is an error naming it. waitTimeoutMs 0 throughout: whatever is not taken over at the first
// attempt ends in a timeout at once, so no test here waits.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, utimes, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { SsoTokenCacheLockPathError } from "../../src/errors/SsoTokenCacheLockPathError.js";
import { SsoTokenCacheLockTimeoutError } from "../../src/errors/SsoTokenCacheLockTimeoutError.js";
import { hostIdentity } from "../../src/lock/hostIdentity.js";
import { lockFile, type FileLock } from "../../src/lock/lockFile.js";
import { recordingLogger } from "../helpers/ssoFixture.js";
import { TestClock } from "../helpers/TestClock.js";

const NOW = { staleMs: 10_000, updateMs: 5_000, waitTimeoutMs: 0 };
const THEIR_NONCE = "0123456789abcdef0123456789abcdef";
const THEIR_RECORD = `owner-${THEIR_NONCE}.json`;
let root: string;
let deadPid: number;
before(async () => {
  root = await mkdtemp(join(tmpdir(), "lock-owner-record-"));
  // A process that has exited (and been collected): its pid names no process now.
  const child = spawnSync(process.execPath, ["-e", ""]);
  deadPid = child.pid as number;
});
after(() => rm(root, { recursive: true, force: true }));

const exists = (path: string) => lstat(path).then(() => true, () => false);

/** A lock directory as another process leaves it: its owner record (fields overridable), its mtime. */
async function foreignLock(file: string, owner: Record<string, unknown> | undefined, mtimeMs = Date.now()): Promise<string> {
  const lockPath = `${file}.lock`;
  await mkdir(lockPath);
  if (owner !== undefined) {
    const here = hostIdentity();
    const record = { pid: deadPid, hostname: here.hostname, acquiredAt: new Date(mtimeMs).toISOString(), nonce: THEIR_NONCE, bootId: here.bootId, pidNamespace: here.pidNamespace, ...owner };
    await writeFile(join(lockPath, THEIR_RECORD), JSON.stringify(record) + "\n");
  }
  await utimes(lockPath, new Date(mtimeMs), new Date(mtimeMs));
  return lockPath;
}

/** The lock's one owner record, as written. */
async function ownerOf(lockPath: string): Promise<Record<string, unknown>> {
  const names = await readdir(lockPath);
  assert.equal(names.length, 1, `one record in ${lockPath}: ${names.join(", ")}`);
  assert.match(names[0] ?? "", /^owner-[0-9a-f]{32}\.json$/);
  const record = JSON.parse(await readFile(join(lockPath, names[0] ?? ""), "utf8")) as Record<string, unknown>;
  assert.equal(names[0], `owner-${String(record.nonce)}.json`, "named after its nonce");
  return record;
}

test("the lock records its owner: pid, host, when, and a nonce new for each acquisition; release removes it all", async () => {
  const file = join(root, "record.json");
  const clock = new TestClock();
  const first = await lockFile(file, NOW, { clock });
  const record = await ownerOf(first.lockPath);
  assert.equal(record.pid, process.pid);
  assert.equal(record.hostname, hostname());
  assert.equal(record.acquiredAt, new Date(clock.now()).toISOString(), "taken at the injected clock's time");
  assert.match(String(record.nonce), /^[0-9a-f]{32}$/);
  assert.equal((await stat(join(first.lockPath, `owner-${String(record.nonce)}.json`))).mode & 0o777, 0o600);
  await first.release();
  assert.ok(!(await exists(first.lockPath)), "released: the directory and its record are gone");

  const second = await lockFile(file, NOW, { clock });
  assert.notEqual((await ownerOf(second.lockPath)).nonce, record.nonce);
  await second.release();
  assert.ok(!(await exists(second.lockPath)));
});

test("a lock whose process has died on this host is taken over at the first attempt, long before it is stale", async () => {
  const file = join(root, "dead.json");
  const lockPath = await foreignLock(file, {});
  const logger = recordingLogger();
  const lock = await lockFile(file, NOW, { clock: new TestClock(), logger });
  assert.equal((await ownerOf(lockPath)).pid, process.pid, "the lock is ours now");
  assert.ok(logger.lines.some((line) => line.level === "debug" && line.message.includes(`pid ${deadPid}`) && line.message.includes("no longer exists")));
  await lock.release();
  assert.ok(!(await exists(lockPath)));
});

test("a lock whose process is alive, or ran where its pid means nothing here, is not taken over", async (t) => {
  const here = hostIdentity();
  const cases: [string, Record<string, unknown>][] = [
    ["alive on this host", { pid: process.pid }],
    ["another host", { hostname: `not-${here.hostname}` }],
    ...(here.pidNamespace === undefined ? [] : [["another PID namespace (a container with the host's name)", { pidNamespace: "pid:[1]" }] as [string, Record<string, unknown>]]),
    ...(here.bootId === undefined ? [] : [["another boot or machine of the same name", { bootId: "00000000-0000-0000-0000-000000000000" }] as [string, Record<string, unknown>]]),
  ];
  for (const [name, owner] of cases) {
    await t.test(name, async () => {
      const file = join(root, `alive-${cases.findIndex(([n]) => n === name)}.json`);
      const lockPath = await foreignLock(file, owner);
      await assert.rejects(lockFile(file, NOW, { clock: new TestClock() }), SsoTokenCacheLockTimeoutError);
      assert.deepEqual(await readdir(lockPath), [THEIR_RECORD], "left as it was");
      await rm(lockPath, { recursive: true });
    });
  }
});

test("an unreadable owner record is no evidence of death: the lock is waited for", async () => {
  const file = join(root, "garbled.json");
  const lockPath = await foreignLock(file, undefined);
  await writeFile(join(lockPath, THEIR_RECORD), `{"pid":${deadPid},"hostn`);
  await assert.rejects(lockFile(file, NOW, { clock: new TestClock() }), SsoTokenCacheLockTimeoutError);
  await rm(lockPath, { recursive: true });
});

test("a stale lock holding an owner record is taken over (the record removed before the directory)", async () => {
  const file = join(root, "stale-with-record.json");
  const lockPath = await foreignLock(file, { pid: process.pid }, Date.now() - 60_000);
  const lock = await lockFile(file, NOW, { clock: new TestClock() });
  assert.equal((await ownerOf(lockPath)).pid, process.pid);
  assert.notEqual((await ownerOf(lockPath)).nonce, THEIR_NONCE);
  await lock.release();
  assert.ok(!(await exists(lockPath)));
});

test("a lock made by an older version (no owner record) is waited for while fresh and taken over once stale", async () => {
  const fresh = join(root, "old-fresh.json");
  await foreignLock(fresh, undefined);
  await assert.rejects(lockFile(fresh, NOW, { clock: new TestClock() }), (error: unknown) => {
    assert.ok(error instanceof SsoTokenCacheLockTimeoutError);
    assert.equal(error.owner, undefined);
    return true;
  });
  const stale = join(root, "old-stale.json");
  await foreignLock(stale, undefined, Date.now() - 60_000);
  const lock = await lockFile(stale, NOW, { clock: new TestClock() });
  await lock.release();
});

test("a lock dated further ahead than staleMs (the clock was set back after a crash) is taken over", async () => {
  const file = join(root, "future.json");
  const lockPath = await foreignLock(file, { pid: process.pid }, Date.now() + 3_600_000);
  const lock = await lockFile(file, NOW, { clock: new TestClock() });
  assert.equal((await ownerOf(lockPath)).pid, process.pid);
  assert.ok((await stat(lockPath)).mtimeMs < Date.now() + NOW.staleMs, "our lock carries our time");
  await lock.release();
});

test("a lock dated a little ahead (within staleMs: clocks a little apart, mtime rounding) is still held", async () => {
  const file = join(root, "near-future.json");
  const lockPath = await foreignLock(file, { pid: process.pid }, Date.now() + NOW.staleMs / 2);
  await assert.rejects(lockFile(file, NOW, { clock: new TestClock() }), SsoTokenCacheLockTimeoutError);
  await rm(lockPath, { recursive: true });
});

test("junk at the lock path is an SsoTokenCacheLockPathError naming it, at once, and is left for the user", async (t) => {
  const target = join(root, "a-directory");
  await mkdir(target);
  await writeFile(join(root, "a-file"), "");
  const cases: [string, (lockPath: string) => Promise<void>, RegExp][] = [
    ["a dangling symbolic link", (lockPath) => symlink(join(root, "nowhere"), lockPath), /symbolic link to .*nowhere, which does not exist/],
    ["a symbolic link to a directory", (lockPath) => symlink(target, lockPath), /symbolic link to .*a-directory \(a directory\)/],
    ["a symbolic link to a file", (lockPath) => symlink(join(root, "a-file"), lockPath), /symbolic link to .*a-file/],
    ["a regular file", (lockPath) => writeFile(lockPath, "x"), /a regular file/],
    [
      "an old regular file",
      async (lockPath) => {
        await writeFile(lockPath, "x");
        await utimes(lockPath, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
      },
      /a regular file/,
    ],
    [
      "a stale directory holding other files",
      async (lockPath) => {
        await mkdir(lockPath);
        await writeFile(join(lockPath, "notes.txt"), "");
        await utimes(lockPath, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
      },
      /a directory holding files no lock has \(notes\.txt\)/,
    ],
  ];
  for (const [index, [name, make, found]] of cases.entries()) {
    await t.test(name, async () => {
      const file = join(root, `junk-${index}.json`);
      const lockPath = `${file}.lock`;
      await make(lockPath);
      await assert.rejects(lockFile(file, NOW, { clock: new TestClock() }), (error: unknown) => {
        assert.ok(error instanceof SsoTokenCacheLockPathError, String(error));
        assert.equal(error.path, lockPath);
        assert.match(error.found, found);
        assert.ok(error.message.includes(lockPath));
        assert.ok(error.message.includes(`rm -r ${lockPath}`), error.message);
        return true;
      });
      assert.ok(await exists(lockPath), "not removed: it is not ours to judge");
    });
  }
});

test("waiters that find a dead or stale lock with a record at the same moment: exactly one takes it over (20 trials of 10)", async () => {
  for (const [kind, owner, mtimeMs] of [
    ["dead", {}, Date.now()],
    ["stale", { pid: process.pid }, Date.now() - 60_000],
  ] as const) {
    for (let trial = 0; trial < 20; trial++) {
      const file = join(root, `herd-${kind}-${trial}.json`);
      await foreignLock(file, owner, mtimeMs);
      const results = await Promise.allSettled(Array.from({ length: 10 }, () => lockFile(file, NOW, { clock: new TestClock() })));
      const taken = results.filter((result) => result.status === "fulfilled");
      const others = results.filter((result) => result.status === "rejected").map((result) => (result as PromiseRejectedResult).reason as unknown);
      assert.equal(taken.length, 1, `${kind}, trial ${trial}: one holder`);
      assert.ok(others.every((error) => error instanceof SsoTokenCacheLockTimeoutError), `${kind}, trial ${trial}: the others found it held`);
      for (const result of taken) await (result as PromiseFulfilledResult<FileLock>).value.release();
    }
  }
});
