// Cache files end 0600 and the directories we create 0700 whatever the umask of the process:
// child processes with umask 000 and 077 run the built package.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { chmod, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { test } from "node:test";

import { providerWorld } from "../helpers/providerWorld.js";

const run = promisify(execFile);
const DIST = fileURLToPath(new URL("../../dist/cjs/", import.meta.url));
/** The sources, for what the built package (one bundle) does not export: run with --import tsx. */
const SRC = fileURLToPath(new URL("../../src/", import.meta.url));

/** Runs `body` (an ES module's text, top-level await allowed) in a child process with this umask. */
async function inChild(umask: number, body: string): Promise<string> {
  const script = `process.umask(${umask}); const DIST = ${JSON.stringify(DIST)}; const SRC = ${JSON.stringify(SRC)};\n${body}`;
  const { stdout } = await run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { timeout: 60_000 });
  return stdout.trim();
}

const mode = async (path: string) => ((await stat(path)).mode & 0o777).toString(8).padStart(3, "0");

for (const umask of [0o000, 0o077, 0o022]) {
  const label = umask.toString(8).padStart(3, "0");

  test(`umask ${label}: a refresh leaves an existing 0644 cache file 0600`, async () => {
    const w = await providerWorld({ session: { accessTokenExpired: true } });
    try {
      await chmod(w.path, 0o644);
      const before = (await stat(w.path)).ino;
      const out = await inChild(
        umask,
        `const { fromSSO } = await import(DIST + "index.js");
         const credentials = await fromSSO(${JSON.stringify({ profile: "dev", configFilepath: w.fixture.configPath, cacheDir: w.fixture.cacheDir, clientConfig: { endpoint: w.emu.url } })})();
         console.log(credentials.accessKeyId ? "ok" : "no credentials");`,
      );
      assert.equal(out, "ok");
      assert.equal(w.emu.calls.CreateToken, 1);
      assert.notEqual((await stat(w.path)).ino, before, "the file was replaced (written to a temp file, renamed)");
      assert.equal(await mode(w.path), "600");
      assert.deepEqual(await w.cacheDirEntries(), [w.path.split("/").at(-1)]);
    } finally {
      await w.close();
    }
  });

  test(`umask ${label}: the writer creates missing directories 0700 and the file 0600`, async () => {
    const w = await providerWorld();
    try {
      const dir = join(w.fixture.home, "fresh", "sso", "cache");
      const path = join(dir, "token.json");
      const out = await inChild(
        umask,
        `const { writeTokenFile } = await import(SRC + "token/writeTokenFile.ts");
         await writeTokenFile(${JSON.stringify(path)}, "{}");
         console.log("written");`,
      );
      assert.equal(out, "written");
      assert.equal(await mode(path), "600");
      assert.equal(await mode(dir), "700");
      assert.equal(await mode(join(w.fixture.home, "fresh", "sso")), "700");
      assert.equal(await mode(join(w.fixture.home, "fresh")), "700");
      assert.deepEqual(await readdir(dir), ["token.json"]);
    } finally {
      await w.close();
    }
  });
}
