// How a waiter waits for another process's lock, on the injected clock: it says once, after about
// a second, whom it waits for; its timeout names the holder; its signal ends the wait at once,
// also between attempts (stopWaiting, asked between attempts, is in lockFile.test.ts). Nothing here
// sleeps for real: the test moves the clock.
import assert from "node:assert/strict";
import { lstat, mkdtemp, rm } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { systemClock } from "../../src/clock/systemClock.js";
import { SsoTokenCacheLockTimeoutError } from "../../src/errors/SsoTokenCacheLockTimeoutError.js";
import { lockFile, type FileLock } from "../../src/lock/lockFile.js";
import { readLockDirectory } from "../../src/lock/readLockDirectory.js";
import { recordingLogger } from "../helpers/ssoFixture.js";
import { TestClock } from "../helpers/TestClock.js";
import { advanceTo, untilIdle, watch } from "./driveClock.js";

// Long enough that the holder's lock never goes stale during a test.
const HOLD = { staleMs: 600_000, updateMs: 60_000, waitTimeoutMs: 0 };
let root: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), "lock-wait-"));
});
after(() => rm(root, { recursive: true, force: true }));

const exists = (path: string) => lstat(path).then(() => true, () => false);

/** The lock on `file`, held by this process (a live owner) on the real clock, as another process would hold it. */
function hold(file: string): Promise<FileLock> {
  return lockFile(file, HOLD, { clock: systemClock });
}

test("a wait of about a second says once, at info level, what it waits for and who holds it; the timeout names the holder", async () => {
  const file = join(root, "speak.json");
  const held = await hold(file);
  try {
    const { owner } = await readLockDirectory(held.lockPath);
    assert.ok(owner !== undefined);
    const clock = new TestClock();
    const logger = recordingLogger();
    const waiting = lockFile(file, { ...HOLD, waitTimeoutMs: 3_000 }, { clock, logger });
    const settled = watch(waiting);
    const infos = () => logger.lines.filter((line) => line.level === "info");

    await advanceTo(clock, 900, settled);
    assert.deepEqual(infos(), [], "silent for a short wait");
    await advanceTo(clock, 1_300, settled);
    assert.equal(infos().length, 1, "one line once the wait has lasted a second");
    const line = infos()[0]?.message ?? "";
    assert.ok(line.includes(`waiting for the lock ${held.lockPath}`), line);
    assert.ok(line.includes(`held by pid ${process.pid} on host ${hostname()} since ${new Date(owner.acquiredAt).toISOString().slice(0, 19)}`), line);

    await advanceTo(clock, 10_000, settled);
    assert.ok(settled());
    await assert.rejects(waiting, (error: unknown) => {
      assert.ok(error instanceof SsoTokenCacheLockTimeoutError);
      assert.ok(error.waitedMs >= 3_000);
      assert.deepEqual(error.owner, { pid: process.pid, hostname: hostname(), acquiredAt: owner.acquiredAt });
      assert.ok(error.message.includes(`held by pid ${process.pid} on host ${hostname()} since `), error.message);
      assert.ok(error.message.includes(`kill ${process.pid}`), error.message);
      return true;
    });
    assert.equal(infos().length, 1, "and only one, however long the wait");
  } finally {
    await held.release();
  }
});

test("an aborted signal ends the wait at once, during a sleep, without the clock moving", async () => {
  const file = join(root, "abort-sleep.json");
  const held = await hold(file);
  try {
    const clock = new TestClock();
    const controller = new AbortController();
    const waiting = lockFile(file, { ...HOLD, waitTimeoutMs: 60_000 }, { clock, signal: controller.signal });
    await untilIdle(clock, watch(waiting));
    const reason = new Error("exiting");
    controller.abort(reason);
    await assert.rejects(waiting, (error: unknown) => error === reason);
  } finally {
    await held.release();
  }
});

test("a signal aborted between attempts ends the wait without taking the lock, even one just freed", async () => {
  const file = join(root, "abort-between.json");
  const held = await hold(file);
  const clock = new TestClock();
  const controller = new AbortController();
  const reason = new Error("exiting");
  // The holder lets go and the caller gives up in the same moment, while the waiter is not asleep.
  const stopWaiting = async () => {
    await held.release();
    controller.abort(reason);
    return false;
  };
  const waiting = lockFile(file, { ...HOLD, waitTimeoutMs: 60_000 }, { clock, signal: controller.signal, stopWaiting });
  await advanceTo(clock, 5_000, watch(waiting));
  await assert.rejects(waiting, (error: unknown) => error === reason);
  assert.ok(!(await exists(held.lockPath)), "the freed lock was not taken");
});

test("a signal already aborted: no attempt, no lock", async () => {
  const file = join(root, "abort-before.json");
  const controller = new AbortController();
  const reason = new Error("exiting");
  controller.abort(reason);
  await assert.rejects(lockFile(file, HOLD, { clock: new TestClock(), signal: controller.signal }), (error: unknown) => error === reason);
  assert.ok(!(await exists(`${file}.lock`)));
});
