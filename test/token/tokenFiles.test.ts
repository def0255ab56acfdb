import assert from "node:assert/strict";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { SsoTokenCacheFileError } from "../../src/errors/SsoTokenCacheFileError.js";
import { SsoTokenCacheWriteError } from "../../src/errors/SsoTokenCacheWriteError.js";
import { readTokenFile } from "../../src/token/readTokenFile.js";
import { writeTokenFile } from "../../src/token/writeTokenFile.js";

const TARGET = { ssoSession: "my-sso" };
const VALID = JSON.stringify({ accessToken: "AT", expiresAt: "2030-01-01T00:00:00Z" });
let root: string;

before(async () => {
  root = await mkdtemp(join(tmpdir(), "token-files-"));
});
after(async () => {
  await chmod(join(root, "readonly"), 0o700).catch(() => undefined);
  await rm(root, { recursive: true, force: true });
});

test("a missing file (or directory) is no token, not an error", async () => {
  assert.equal(await readTokenFile(join(root, "nope.json"), TARGET), undefined);
  assert.equal(await readTokenFile(join(root, "no-dir", "nope.json"), TARGET), undefined);
});

test("writes create the directories 0700 and the file 0600 whatever the umask, and leave no temp file", async () => {
  const previous = process.umask(0o000);
  try {
    const dir = join(root, "fresh", "sso", "cache");
    const path = join(dir, "a.json");
    await writeTokenFile(path, VALID);
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    assert.equal((await stat(dir)).mode & 0o777, 0o700);
    assert.equal((await stat(join(root, "fresh", "sso"))).mode & 0o777, 0o700);
    assert.deepEqual(await readdir(dir), ["a.json"]);
    assert.equal(await readFile(path, "utf8"), VALID);
  } finally {
    process.umask(previous);
  }
});

test("an existing 0644 file (as the JS SDK leaves it) ends 0600", async () => {
  const path = join(root, "open.json");
  await writeFile(path, VALID, { mode: 0o644 });
  await chmod(path, 0o644);
  await writeTokenFile(path, VALID);
  assert.equal((await stat(path)).mode & 0o777, 0o600);
});

test("a directory that cannot be written is an SsoTokenCacheWriteError naming the file; nothing is left behind", async () => {
  if (process.getuid?.() === 0) {
    // root ignores directory permissions; the CLI-level test covers this with a path under a regular file instead.
    const blocker = join(root, "blocker");
    await writeFile(blocker, "x");
    await assert.rejects(writeTokenFile(join(blocker, "a.json"), VALID), (error: unknown) => {
      assert.ok(error instanceof SsoTokenCacheWriteError);
      assert.ok(error.message.includes(join(blocker, "a.json")));
      assert.match(error.message, /cacheDir/);
      return true;
    });
    return;
  }
  const dir = join(root, "readonly");
  await mkdir(dir);
  await chmod(dir, 0o500);
  await assert.rejects(writeTokenFile(join(dir, "a.json"), VALID), SsoTokenCacheWriteError);
  assert.deepEqual(await readdir(dir), []);
});

test("bad files are typed errors and stay exactly as they were", async () => {
  const dirPath = join(root, "dir.json");
  await mkdir(dirPath);
  await assert.rejects(readTokenFile(dirPath, TARGET), /is a directory/);

  const target = join(root, "real.json");
  await writeFile(target, VALID);
  const link = join(root, "link.json");
  await symlink(target, link);
  await assert.rejects(readTokenFile(link, TARGET), (error: unknown) => {
    assert.ok(error instanceof SsoTokenCacheFileError);
    assert.match(error.message, /symbolic link/);
    return true;
  });

  const huge = join(root, "huge.json");
  const junk = Buffer.alloc(10 * 1024 * 1024, 0x41);
  await writeFile(huge, junk);
  await assert.rejects(readTokenFile(huge, TARGET), /too large/);
  assert.equal((await stat(huge)).size, junk.length);

  const truncated = join(root, "truncated.json");
  await writeFile(truncated, VALID.slice(0, 20));
  await assert.rejects(readTokenFile(truncated, TARGET), /not valid JSON/);
  assert.equal(await readFile(truncated, "utf8"), VALID.slice(0, 20));
});
