// A token the service issued is never thrown away. When the cache cannot be written (a full disk, an
// immutable file or directory, a read-only mount), the process that refreshed keeps the token in
// memory and uses it (its new refresh token included, for the next refresh), says once what happened
// and what it means for other processes, and writes it as soon as the disk allows.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import { test, type TestContext } from "node:test";

import { OffsetClock } from "../helpers/TestClock.js";
import { providerWorld, type ProviderWorld } from "../helpers/providerWorld.js";

/** Runs `command`, and says whether it worked (mount and chattr need root and a capable file system). */
function tryRun(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

interface Blocker {
  /** Makes the cache unwritable; false when this machine cannot (the test then skips, saying why). */
  block(w: ProviderWorld): Promise<boolean>;
  /** Makes it writable again. */
  unblock(w: ProviderWorld): Promise<void>;
  /** The OS error the warning must name. */
  code: RegExp;
  skipReason: string;
}

const BLOCKERS: Record<string, Blocker> = {
  "an immutable cache file (chattr +i)": {
    block: async (w) => tryRun("chattr", ["+i", w.path]),
    unblock: async (w) => void tryRun("chattr", ["-i", w.path]),
    code: /EPERM|EACCES/,
    skipReason: "chattr +i is not available here (it needs root and a file system with the immutable flag)",
  },
  "an immutable cache directory (chattr +i)": {
    block: async (w) => tryRun("chattr", ["+i", w.fixture.cacheDir]),
    unblock: async (w) => void tryRun("chattr", ["-i", w.fixture.cacheDir]),
    code: /EPERM|EACCES/,
    skipReason: "chattr +i is not available here (it needs root and a file system with the immutable flag)",
  },
  "a full disk (ENOSPC, a 64 KiB tmpfs filled up)": {
    async block(w) {
      const dir = w.fixture.cacheDir;
      const token = await readFile(w.path);
      if (!tryRun("mount", ["-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", dir])) return false;
      await writeFile(w.path, token, { mode: 0o600 });
      // Fill the file system to the last byte: the next file written there fails with ENOSPC.
      await writeFile(`${dir}/filler`, Buffer.alloc(64 * 1024)).catch(() => undefined);
      await writeFile(`${dir}/filler2`, Buffer.alloc(4096)).catch(() => undefined);
      return true;
    },
    async unblock(w) {
      await rm(`${w.fixture.cacheDir}/filler`, { force: true });
      await rm(`${w.fixture.cacheDir}/filler2`, { force: true });
    },
    code: /ENOSPC/,
    skipReason: "a tmpfs cannot be mounted here (it needs root or CAP_SYS_ADMIN)",
  },
  "a read-only mount (EROFS)": {
    async block(w) {
      const dir = w.fixture.cacheDir;
      const token = await readFile(w.path);
      if (!tryRun("mount", ["-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", dir])) return false;
      await writeFile(w.path, token, { mode: 0o600 });
      return tryRun("mount", ["-o", "remount,ro", dir]);
    },
    async unblock(w) {
      tryRun("mount", ["-o", "remount,rw", w.fixture.cacheDir]);
    },
    code: /EROFS/,
    skipReason: "a tmpfs cannot be mounted and remounted read-only here (it needs root or CAP_SYS_ADMIN)",
  },
};

async function unmountIfMounted(dir: string): Promise<void> {
  tryRun("umount", [dir]);
}

for (const [name, blocker] of Object.entries(BLOCKERS)) {
  for (const expired of [true, false]) {
    test(`${name}, token ${expired ? "expired" : "still valid"}: the refreshed token is used, kept, and written once the disk allows`, async (t: TestContext) => {
      const clock = new OffsetClock();
      const w = await providerWorld({
        emulator: { now: clock.now, rotation: "rotate" },
        session: expired ? { accessTokenExpired: true } : { accessTokenTtlSeconds: 120 },
      });
      try {
        const before = await w.cacheText();
        if (!(await blocker.block(w))) {
          t.skip(blocker.skipReason);
          return;
        }
        try {
          const provider = w.provider({ clock, refreshWindowSeconds: 300 });
          const credentials = await provider();
          assert.ok(credentials.accessKeyId, "credentials come back");
          assert.equal(w.emu.calls.CreateToken, 1);
          assert.equal(await w.cacheText(), before, "the file could not be written");

          const warnings = w.logger.lines.filter((line) => line.level === "warn");
          assert.equal(warnings.length, 1, `one warning: ${JSON.stringify(warnings)}`);
          const warning = warnings[0]?.message ?? "";
          assert.ok(warning.includes(w.path), "it names the file");
          assert.match(warning, blocker.code, "it names the OS error");
          assert.match(warning, /other processes cannot see it/, "it says what it means");

          // The next refresh uses the rotated refresh token this process holds: the one in the file is dead.
          clock.advance(3600 * 1000);
          const later = await provider();
          assert.ok(later.accessKeyId);
          assert.equal(w.emu.calls.CreateToken, 2, "refreshed again, with the kept refresh token");
          assert.equal(w.logger.lines.filter((line) => line.level === "warn").length, 1, "still one warning");
          assert.equal(w.logger.lines.filter((line) => /InvalidGrant/.test(line.message)).length, 0);

          // Once the disk allows, the token reaches the file: other processes can use it.
          await blocker.unblock(w);
          clock.advance(60_000);
          await provider({ forceRefresh: true });
          for (let i = 0; i < 200 && (await w.cacheText()) === before; i++) await new Promise((resolve) => setTimeout(resolve, 10));
          const written = JSON.parse(await w.cacheText()) as Record<string, unknown>;
          assert.equal(written.refreshToken, w.emu.latestRefreshToken, "the newest refresh token is in the file");
          assert.ok(w.emu.isAccessTokenValid(written.accessToken as string));
          assert.equal(w.emu.calls.CreateToken, 2, "writing it took no refresh");
        } finally {
          await blocker.unblock(w);
          await unmountIfMounted(w.fixture.cacheDir);
        }
      } finally {
        await w.close();
      }
    });
  }
}

test("a kept token is used by every provider of ours, not only the one that refreshed it: a second fromSSO sends no dead refresh token", async (t) => {
  const clock = new OffsetClock();
  const w = await providerWorld({ emulator: { now: clock.now, rotation: "rotate" }, session: { accessTokenExpired: true } });
  try {
    if (!tryRun("chattr", ["+i", w.fixture.cacheDir])) {
      t.skip("chattr +i is not available here (it needs root and a file system with the immutable flag)");
      return;
    }
    try {
      assert.ok((await w.provider({ clock })()).accessKeyId);
      assert.equal(w.emu.calls.CreateToken, 1);
      // Another provider (another SDK client in this process, or another process of ours) finds the kept token.
      const other = await w.provider({ clock })();
      assert.ok(other.accessKeyId);
      assert.equal(w.emu.calls.CreateToken, 1, "no second refresh: the kept token was used");
      // And refreshes with its refresh token when it is due.
      clock.advance(3600 * 1000);
      assert.ok((await w.provider({ clock })()).accessKeyId);
      assert.equal(w.emu.calls.CreateToken, 2);
      assert.equal(w.logger.lines.filter((line) => /InvalidGrant/.test(line.message)).length, 0, "no dead refresh token was sent");
    } finally {
      tryRun("chattr", ["-i", w.fixture.cacheDir]);
    }
  } finally {
    await w.close();
  }
});

test("a process ending with a kept token writes it to the file if the disk allows by then (close)", async (t) => {
  const w = await providerWorld({ emulator: { rotation: "rotate" }, session: { accessTokenExpired: true } });
  try {
    if (!tryRun("chattr", ["+i", w.path])) {
      t.skip("chattr +i is not available here (it needs root and a file system with the immutable flag)");
      return;
    }
    const before = await w.cacheText();
    const { CredentialResolver } = await import("../../src/provider/CredentialResolver.js");
    const { resolveProviderSettings } = await import("../../src/provider/resolveProviderSettings.js");
    const resolver = new CredentialResolver(
      resolveProviderSettings({
        profile: "dev",
        configFilepath: w.fixture.configPath,
        cacheDir: w.fixture.cacheDir,
        clientConfig: { endpoint: w.emu.url },
        logger: w.logger,
        env: { ...process.env, XDG_RUNTIME_DIR: `${w.fixture.home}/run` },
      }),
    );
    try {
      assert.ok((await resolver.resolve("dev")).credentials.accessKeyId);
    } finally {
      tryRun("chattr", ["-i", w.path]);
    }
    assert.equal(await w.cacheText(), before, "not written yet");
    await resolver.close();
    const written = JSON.parse(await w.cacheText()) as Record<string, unknown>;
    assert.equal(written.refreshToken, w.emu.latestRefreshToken, "close() wrote the kept token");
  } finally {
    await w.close();
  }
});
