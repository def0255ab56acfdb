import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm, stat, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

import { SsoTokenCacheLockTimeoutError } from "../../src/errors/SsoTokenCacheLockTimeoutError.js";
import { systemClock } from "../../src/clock/systemClock.js";
import { lockFile } from "../../src/lock/lockFile.js";
import { recordingLogger } from "../helpers/ssoFixture.js";
import { TestClock } from "../helpers/TestClock.js";
import { advanceTo, watch } from "./driveClock.js";

let root: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), "lock-"));
});
after(() => rm(root, { recursive: true, force: true }));

const FAST = { staleMs: 2000, updateMs: 1000, waitTimeoutMs: 300 };

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

test("the lock is a directory beside the file, removed on release", async () => {
  const file = join(root, "a.json");
  const lock = await lockFile(file, FAST, { clock: systemClock });
  assert.equal(lock.lockPath, `${file}.lock`);
  assert.ok(await exists(`${file}.lock`));
  await lock.release();
  assert.ok(!(await exists(`${file}.lock`)));
});

test("a wait past waitTimeoutMs is an SsoTokenCacheLockTimeoutError naming the lock path", async () => {
  const file = join(root, "b.json");
  const held = await lockFile(file, FAST, { clock: systemClock });
  try {
    const clock = new TestClock();
    const waiting = lockFile(file, FAST, { clock });
    await advanceTo(clock, 10_000, watch(waiting));
    await assert.rejects(waiting, (error: unknown) => {
      assert.ok(error instanceof SsoTokenCacheLockTimeoutError);
      assert.equal(error.path, `${file}.lock`);
      assert.ok(error.message.includes(`${file}.lock`));
      assert.equal((error.cause as NodeJS.ErrnoException).code, "ELOCKED");
      assert.ok(error.waitedMs >= FAST.waitTimeoutMs && error.waitedMs < FAST.waitTimeoutMs + 200, `waited ${error.waitedMs} ms of the clock`);
      return true;
    });
  } finally {
    await held.release();
  }
});

test("a lock left by a killed process is taken over once stale", async () => {
  const file = join(root, "c.json");
  await mkdir(`${file}.lock`);
  const old = new Date(Date.now() - 60_000);
  await utimes(`${file}.lock`, old, old);
  const lock = await lockFile(file, FAST, { clock: systemClock });
  await lock.release();
  assert.ok(!(await exists(`${file}.lock`)));
});

test("a lock taken over while held is reported through the logger, never thrown from a timer", async () => {
  const file = join(root, "d.json");
  const logger = recordingLogger();
  const lock = await lockFile(file, { ...FAST, waitTimeoutMs: 5000 }, { clock: systemClock, logger });
  // Another process removes and re-creates the lock, as a stale takeover does (its owner record first).
  await rm(`${file}.lock`, { recursive: true });
  await mkdir(`${file}.lock`);
  const warned = () => logger.lines.some((line) => line.level === "warn" && line.message.includes(`${file}.lock`));
  for (let i = 0; i < 100 && !warned(); i++) await sleep(50);
  assert.ok(warned(), "proper-lockfile's update check noticed the takeover, and it was logged");
  await lock.release();
  // The other process's lock is not ours to remove.
  assert.ok(await exists(`${file}.lock`));
});

test("a waiter stops waiting, without the lock, as soon as stopWaiting says so", async () => {
  const file = join(root, "e.json");
  const held = await lockFile(file, FAST, { clock: systemClock });
  try {
    let asked = 0;
    const clock = new TestClock();
    const waiting = lockFile(file, { ...FAST, waitTimeoutMs: 60_000 }, { clock, stopWaiting: async () => ++asked >= 3 });
    await advanceTo(clock, 10_000, watch(waiting));
    assert.equal(await waiting, undefined);
    assert.equal(asked, 3);
    assert.ok(await exists(`${file}.lock`), "the holder's lock is untouched");
  } finally {
    await held.release();
  }
});

test("a lock held when the process exits or is terminated is removed, so nobody waits for it to go stale", async () => {
  const script = fileURLToPath(new URL("../fixtures/lockThenExit.mjs", import.meta.url));
  for (const how of ["exit", "sigterm"]) {
    const file = join(root, `exit-${how}.json`);
    const result = spawnSync(process.execPath, ["--import", "tsx", script, file, how], { encoding: "utf8", timeout: 20_000 });
    assert.equal(result.error, undefined);
    assert.ok(result.status === 0 || result.signal === "SIGTERM", `${how}: ${result.status} ${result.signal} ${result.stderr}`);
    assert.ok(!(await exists(`${file}.lock`)), `${how}: no lock left behind`);
  }
});
