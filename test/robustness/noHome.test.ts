// No HOME: child processes run the built package with HOME (and USERPROFILE, HOMEPATH) unset.
// Decided, as the AWS SDKs and the AWS CLI do: the home directory then comes from the user's passwd
// entry (os.homedir()); with no passwd entry either, a path that needs the home directory is a
// HomeDirectoryNotFoundError (tryNextLink, like a missing profile). Explicit paths (configFilepath,
// cacheDir) are enough for this library, but not for the AWS SDK clients it makes: they look for
// ~/.aws/config for their own settings and, with no home at all, reject a promise nobody awaits
// (the process dies). So that case is a HomeDirectoryNotFoundError too, saying to set HOME (any
// directory will do).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { chown } from "node:fs/promises";
import { userInfo } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { test } from "node:test";

import { providerWorld } from "../helpers/providerWorld.js";

const run = promisify(execFile);
const INDEX = fileURLToPath(new URL("../../dist/esm/index.js", import.meta.url));
/** A uid with no passwd entry (checked below). */
const NOBODY_UID = 54_321;

function homelessEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ["HOME", "USERPROFILE", "HOMEPATH", "HOMEDRIVE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_PROFILE"]) delete env[name];
  return env;
}

/**
 * Runs fromSSO(init)() in a child without HOME, optionally switching to a uid with no passwd entry
 * first (after loading the package, which that uid may not read). Prints a JSON outcome.
 */
async function homeless(init: Record<string, unknown>, uid?: number, env: NodeJS.ProcessEnv = {}): Promise<{ ok: boolean; name?: string; message?: string; tryNextLink?: boolean; homedir?: string }> {
  const script = `
    const { fromSSO } = await import(${JSON.stringify(INDEX)});
    await import("@aws-sdk/client-sso"); await import("@aws-sdk/client-sso-oidc"); await import("proper-lockfile");
    ${uid === undefined ? "" : `process.setgid(${uid}); process.setuid(${uid});`}
    let homedir; try { homedir = (await import("node:os")).homedir(); } catch (error) { homedir = "throws " + error.code; }
    try {
      const credentials = await fromSSO(${JSON.stringify(init)})();
      console.log(JSON.stringify({ ok: Boolean(credentials.accessKeyId), homedir }));
    } catch (error) {
      console.log(JSON.stringify({ ok: false, name: error.name, message: error.message, tryNextLink: error.tryNextLink, homedir }));
    }`;
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], {
    env: { ...homelessEnv(), ...env },
    cwd: fileURLToPath(new URL("../../", import.meta.url)),
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}");
}

test("no HOME: the home directory comes from the passwd entry, as in the AWS SDKs", async (t) => {
  const passwdHome = userInfo().homedir;
  const profile = `robustness-no-such-profile-${process.pid}`;
  const outcome = await homeless({ profile });
  t.diagnostic(`child without HOME: os.homedir() = ${outcome.homedir}; ${outcome.name}: ${outcome.message}`);
  assert.equal(outcome.homedir, passwdHome);
  assert.equal(outcome.name, "ProfileNotFoundError");
  assert.ok(outcome.message?.includes(join(passwdHome, ".aws", "config")), "it looked in the passwd home's .aws/config");
  assert.equal(outcome.tryNextLink, true);
});

test("no HOME, explicit paths: credentials, no home directory needed", async () => {
  const w = await providerWorld({ session: { accessTokenExpired: true } });
  try {
    const outcome = await homeless({ profile: "dev", configFilepath: w.fixture.configPath, filepath: join(w.fixture.home, "credentials"), cacheDir: w.fixture.cacheDir, clientConfig: { endpoint: w.emu.url } });
    assert.deepEqual({ ok: outcome.ok, message: outcome.message }, { ok: true, message: undefined });
    assert.equal(w.emu.calls.CreateToken, 1);
  } finally {
    await w.close();
  }
});

test("no HOME and no passwd entry: HomeDirectoryNotFoundError saying what to set, never a crash; any HOME will do", async (t) => {
  if (process.getuid?.() !== 0) {
    t.skip("needs root, to run a child as a uid without a passwd entry");
    return;
  }
  const missing = await homeless({ profile: "dev" }, NOBODY_UID);
  if (!String(missing.homedir).startsWith("throws")) {
    t.skip(`uid ${NOBODY_UID} has a passwd entry here (${missing.homedir})`);
    return;
  }
  t.diagnostic(`uid ${NOBODY_UID}: os.homedir() ${missing.homedir}; ${missing.name}: ${missing.message}`);
  assert.equal(missing.name, "HomeDirectoryNotFoundError");
  assert.match(missing.message ?? "", /Set HOME \(any directory will do\), or set the `homeDir` option/);
  assert.equal(missing.tryNextLink, true, "a chain may go on to its next provider");

  const w = await providerWorld({ session: { accessTokenExpired: true } });
  try {
    for (const path of [w.fixture.home, join(w.fixture.home, ".aws"), w.fixture.configPath, join(w.fixture.home, ".aws", "sso"), w.fixture.cacheDir, w.path]) {
      await chown(path, NOBODY_UID, NOBODY_UID);
    }
    const init = { profile: "dev", configFilepath: w.fixture.configPath, filepath: join(w.fixture.home, "credentials"), cacheDir: w.fixture.cacheDir, clientConfig: { endpoint: w.emu.url } };
    const explicit = await homeless(init, NOBODY_UID);
    t.diagnostic(`explicit paths, no home: ${explicit.name}: ${explicit.message}`);
    assert.equal(explicit.name, "HomeDirectoryNotFoundError", "a typed error, not a process killed by the SDK's unhandled rejection");
    assert.match(explicit.message ?? "", /The AWS SDK clients need one .*set HOME \(any directory will do\)/);
    assert.equal(w.emu.calls.CreateToken + w.emu.calls.GetRoleCredentials, 0);

    const anyHome = await homeless(init, NOBODY_UID, { HOME: join(w.fixture.home, "no-such-directory") });
    assert.deepEqual({ ok: anyHome.ok, message: anyHome.message }, { ok: true, message: undefined });
    assert.equal(w.emu.calls.CreateToken, 1, "refreshed and written by the uid without a passwd entry");
  } finally {
    await w.close();
  }
});
