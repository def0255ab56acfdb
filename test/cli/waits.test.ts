// Every wait of more than about a second says what it waits for, on a terminal, without --verbose:
// the CLI run on a pseudo-terminal (util-linux script(1)) against the emulator, each wait caused for real.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { hostname } from "node:os";
import { test, type TestContext } from "node:test";
import { fileURLToPath } from "node:url";

import { assertNoSecret, cliWorld, PACKAGE_ROOT, startCliOnTerminal, which } from "./cliHarness.js";

const LOCK_HOLDER = fileURLToPath(new URL("../fixtures/lockHold.mjs", import.meta.url));

function needsTerminal(t: TestContext): boolean {
  if (which("script") !== undefined) return true;
  t.skip("script (util-linux) is not installed: no terminal to test with");
  return false;
}

/** Another process holding the lock on `file` until killed; resolves with its pid once it holds it. */
async function holdLock(t: TestContext, file: string): Promise<{ pid: number; release(): void }> {
  const holder = spawn(process.execPath, ["--import", "tsx", LOCK_HOLDER, file], { cwd: PACKAGE_ROOT, stdio: ["ignore", "pipe", "inherit"] });
  t.after(() => holder.kill("SIGKILL"));
  const pid = await new Promise<number>((resolve, reject) => {
    let out = "";
    holder.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
      const match = /^locked (\d+)$/m.exec(out);
      if (match !== null) resolve(Number(match[1]));
    });
    holder.once("exit", (code) => reject(new Error(`the lock holder exited with ${String(code)}`)));
  });
  return { pid, release: () => holder.kill("SIGKILL") };
}

test("a lock held by another process: the wait says so on the terminal, with the holder's pid, then goes on once it is free", async (t) => {
  if (!needsTerminal(t)) return;
  const w = await cliWorld(t, { session: { accessTokenExpired: true } });
  const holder = await holdLock(t, w.cachePath);
  const cli = startCliOnTerminal(["env", "--profile", "dev"], w.env);
  const [line] = await cli.waitForOutput(/^aws-sso-creds: waiting for the lock .*$/m);
  assert.equal(line, `aws-sso-creds: waiting for the lock ${w.cachePath}.lock, held by pid ${holder.pid} on host ${hostname()} since ${line?.slice(-20)}`);
  assert.match(line ?? "", /since \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(w.emu.calls.CreateToken, 0, "no refresh while the lock is held");
  holder.release();
  const { code, output } = await cli.done;
  assert.equal(code, 0, output);
  assert.equal(w.emu.calls.CreateToken, 1, "refreshed once the holder was gone");
  assert.match(output, /^export AWS_ACCESS_KEY_ID=/m);
  assertNoSecret(output.replace(/^export .*$/gm, ""), w.secrets(), "the progress lines");
});

test("an ended session: the 3 s wait for a peer's token says so on the terminal before the login advice", async (t) => {
  if (!needsTerminal(t)) return;
  const w = await cliWorld(t, { session: { accessTokenExpired: true } });
  w.emu.failNext("CreateToken", 1, { status: 400, errorType: "InvalidGrantException" });
  const cli = startCliOnTerminal(["credential-process", "--profile", "dev"], w.env);
  await cli.waitForOutput(/^aws-sso-creds: SSO OIDC refused the refresh token in .*; waiting up to 3 s for the token another process may have got with it, before asking for a new login$/m);
  const { code, output } = await cli.done;
  assert.equal(code, 77, output);
  assert.match(output, /rejected the token refresh .* InvalidGrantException[^]*aws sso login --sso-session my-sso/);
  assert.ok(output.indexOf("waiting up to 3 s") < output.indexOf("rejected the token refresh"), "the wait is said before the failure");
});

test("a slow refresh of a still-valid token: after 2 s the terminal says the cached token is used meanwhile", async (t) => {
  if (!needsTerminal(t)) return;
  // Valid for 2 more minutes: inside the refresh window, so a refresh starts; it takes 4 s.
  const w = await cliWorld(t, { session: { accessTokenTtlSeconds: 120 } });
  w.emu.configure({ latencyMs: { CreateToken: 4_000 } });
  const cli = startCliOnTerminal(["env", "--profile", "dev"], w.env);
  await cli.waitForOutput(/^aws-sso-creds: refreshing the SSO token for sso-session "my-sso"$/m);
  await cli.waitForOutput(/^aws-sso-creds: the SSO token refresh for sso-session "my-sso" is taking long; using the cached token, valid until \S+, while it goes on$/m);
  const { code, output } = await cli.done;
  assert.equal(code, 0, output);
  assert.match(output, /^aws-sso-creds: refreshed the SSO token in /m, "the refresh is finished and saved before the process ends");
});

test("without a terminal the same waits say nothing: stderr stays empty for scripts and credential_process", async (t) => {
  const w = await cliWorld(t, { session: { accessTokenExpired: true } });
  const holder = await holdLock(t, w.cachePath);
  setTimeout(() => holder.release(), 1_500);
  const result = await w.run(["credential-process", "--profile", "dev"]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stderr, "");
});
