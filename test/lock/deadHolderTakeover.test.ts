// A real process holding the lock is SIGKILLed (no exit hook runs; its lock stays, fresh): a waiter
// on the same host takes the lock over within a second of the kill, not after staleMs (10 minutes
// here). Measured on the waiter's injected clock.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";

import { lockFile } from "../../src/lock/lockFile.js";
import { readLockDirectory } from "../../src/lock/readLockDirectory.js";
import { recordingLogger } from "../helpers/ssoFixture.js";
import { TestClock } from "../helpers/TestClock.js";
import { advanceTo, watch } from "./driveClock.js";

const HOLDER = fileURLToPath(new URL("../fixtures/lockHold.mjs", import.meta.url));
let root: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), "lock-dead-holder-"));
});
after(() => rm(root, { recursive: true, force: true }));

test("a waiter takes over the lock of a SIGKILLed holder within a second of the kill", { timeout: 60_000 }, async (t) => {
  const file = join(root, "token.json");
  const lockPath = `${file}.lock`;
  const child = spawn(process.execPath, ["--import", "tsx", HOLDER, file], { stdio: ["ignore", "pipe", "inherit"] });
  const exited = once(child, "exit");
  try {
    const [line] = (await once(createInterface({ input: child.stdout }), "line")) as [string];
    assert.equal(line, `locked ${child.pid}`);
    assert.equal((await readLockDirectory(lockPath)).owner?.pid, child.pid, "the holder recorded itself");

    const clock = new TestClock();
    const logger = recordingLogger();
    let killed = false;
    let attemptsAfterKill = 0;
    const waiting = lockFile(file, { staleMs: 600_000, updateMs: 60_000, waitTimeoutMs: 60_000 }, {
      clock,
      logger,
      stopWaiting: async () => {
        if (killed) attemptsAfterKill++;
        return false;
      },
    });
    const settled = watch(waiting);
    await advanceTo(clock, 2_000, settled);
    assert.ok(!settled(), "a live holder's lock is waited for");

    child.kill("SIGKILL");
    await exited;
    killed = true;
    const killedAt = clock.monotonic();
    await advanceTo(clock, killedAt + 5_000, settled);
    assert.ok(settled());
    const lock = await waiting;
    assert.ok(lock !== undefined);
    const tookMs = clock.monotonic() - killedAt;
    t.diagnostic(`taken over after ${tookMs} ms of the waiter's clock and ${attemptsAfterKill} attempt(s) after the kill`);
    assert.ok(tookMs < 1_000, `taken over ${tookMs} ms after the kill`);
    assert.equal((await readLockDirectory(lockPath)).owner?.pid, process.pid, "the lock is the waiter's");
    assert.ok(logger.lines.some((entry) => entry.message.includes(`took over the lock ${lockPath} from pid ${child.pid}`)));
    await lock.release();
  } finally {
    child.kill("SIGKILL");
    await exited;
  }
});
