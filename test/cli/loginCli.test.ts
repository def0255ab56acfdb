// The built CLI's login, logout and list, as real processes against the emulator; the browser is
// played by test/fixtures/login/fakeBrowser.mjs through BROWSER, as a user's would be launched.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { appendFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, type TestContext } from "node:test";
import { fileURLToPath } from "node:url";

import type { EmulatorAccount } from "../emulator/index.js";
import { visitLikeABrowser } from "../emulator/visitLikeABrowser.js";
import { writeCachedToken } from "../helpers/ssoFixture.js";
import { assertNoSecret, cliWorld, runCliOnTerminal, startCli, type CliWorld } from "./cliHarness.js";

const FAKE_BROWSER = fileURLToPath(new URL("../fixtures/login/fakeBrowser.mjs", import.meta.url));

/** BROWSER playing a browser that loads the URL (visit) or only records it. */
async function browserEnv(t: TestContext, mode: { visit?: boolean; exit?: number } = {}): Promise<{ env: NodeJS.ProcessEnv; launches(): string[] }> {
  const dir = await mkdtemp(join(tmpdir(), "fake-browser-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const log = join(dir, "launches.log");
  return {
    env: {
      BROWSER: `${process.execPath} ${FAKE_BROWSER}`,
      FAKE_BROWSER_LOG: log,
      ...(mode.visit === true ? { FAKE_BROWSER_VISIT: "1" } : {}),
      ...(mode.exit === undefined ? {} : { FAKE_BROWSER_EXIT: String(mode.exit) }),
    },
    launches: () => (existsSync(log) ? readFileSync(log, "utf8").trim().split("\n").filter(Boolean) : []),
  };
}

function secretsOf(w: CliWorld): string[] {
  const values = new Set(w.secrets());
  for (const name of existsSync(w.fixture.cacheDir) ? readdirSync(w.fixture.cacheDir) : []) {
    try {
      const record = JSON.parse(readFileSync(join(w.fixture.cacheDir, name), "utf8")) as Record<string, unknown>;
      for (const field of ["accessToken", "refreshToken", "clientSecret"]) if (typeof record[field] === "string") values.add(record[field]);
    } catch {
      // a note or a lock
    }
  }
  return [...values].filter((value) => value.length >= 8);
}

test("login (PKCE): the browser is opened once at the authorize URL, comes back to 127.0.0.1, and the token is cached", async (t) => {
  const w = await cliWorld(t, { noToken: true });
  const browser = await browserEnv(t, { visit: true });
  const result = await w.run(["login", "--profile", "dev"], browser.env);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, "", "everything goes to stderr");
  assert.equal(browser.launches().length, 1);
  assert.match(browser.launches()[0] ?? "", new RegExp(`^${w.emu.url}/authorize\\?response_type=code&client_id=`));
  assert.match(result.stderr, /Opening the IAM Identity Center sign-in page in your browser, for sso-session "my-sso"/);
  // The harness's environment has no DISPLAY: the device code is suggested.
  assert.match(result.stderr, /looks headless .* aws-sso-creds login --sso-session my-sso --use-device-code/s);
  assert.match(result.stderr, /aws-sso-creds: logged in to sso-session "my-sso" \(https:\/\/emulator\.awsapps\.com\/start\); the SSO token is valid until \S+ and is refreshed from then on\n$/);
  assert.equal(w.emu.calls.Authorize, 1);
  assert.ok(existsSync(join(w.fixture.cacheDir, "0ad374308c5a4e22f723adf10145eafad7c4031c.json")));
  assertNoSecret(result.stdout + result.stderr, secretsOf(w), "login output");

  // And the credentials come from it.
  const credentials = await w.run(["credential-process", "--profile", "dev"]);
  assert.equal(credentials.code, 0, credentials.stderr);
});

test("login --use-device-code: the URL and the code on stderr; a browser that fails is said and the wait goes on", async (t) => {
  const w = await cliWorld(t, { noToken: true, emulator: { devicePollIntervalSeconds: 1 } });
  const browser = await browserEnv(t, { exit: 3 });
  const child = startCli(["login", "--use-device-code"], { ...w.env, ...browser.env, AWS_PROFILE: "dev" });
  const device = await w.emu.waitForPendingDevice(30_000);
  await until(() => child.stderr().includes("Could not open a browser"));
  w.emu.approveDevice(device.userCode);
  const result = await child.done;
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, new RegExp(`open\\) this URL, on any device:\\n\\n  ${w.emu.url}/device\\n\\nand enter the code:\\n\\n  ${device.userCode}\\n`.replace("open\\)", "(open|a browser is being opened at)")));
  assert.match(result.stderr, /Could not open a browser \(\S+ exited with 3\)\. Open the URL above yourself; the login is still waiting\./);
  assert.equal(browser.launches()[0], device.verificationUriComplete);
  assertNoSecret(result.stdout + result.stderr, secretsOf(w), "login output");
});

test("login --no-browser prints the URL only; a denied login exits 77 with the fix; bad flags exit 64", async (t) => {
  const w = await cliWorld(t, { noToken: true });
  const browser = await browserEnv(t);
  const child = startCli(["login", "--no-browser", "--profile", "dev"], { ...w.env, ...browser.env });
  await until(() => /\n {2}(http:\S+)\n/.test(child.stderr()));
  const url = /\n {2}(http:\S+)\n/.exec(child.stderr())?.[1] ?? "";
  await visitLikeABrowser(url);
  const result = await child.done;
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /To sign in to sso-session "my-sso", open this URL in a browser on this machine:/);
  assert.deepEqual(browser.launches(), []);

  w.emu.configure({ authorizeOutcome: "deny" });
  const denied = await w.run(["login", "--profile", "dev"], { ...browser.env, FAKE_BROWSER_VISIT: "1" });
  assert.equal(denied.code, 77);
  assert.match(denied.stderr, /aws-sso-creds: The sign-in for sso-session "my-sso" was denied \(access_denied\)/);

  for (const args of [
    ["login", "--redirect-port", "http"],
    ["login", "--redirect-port", "8400", "--use-device-code"],
    ["login", "--sso-session"],
    ["logout", "--all", "--profile", "dev"],
    ["list", "--json", "--config"],
  ]) {
    const usage = await w.run(args);
    assert.equal(usage.code, 64, `${args.join(" ")}: ${usage.stderr}`);
  }
});

test("logout names the files it removed and leaves the other session; --all as aws sso logout", async (t) => {
  const w = await cliWorld(t, {
    config: `[profile dev]\nsso_session = my-sso\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\n\n[sso-session my-sso]\nsso_start_url = https://emulator.awsapps.com/start\nsso_region = us-east-1\n\n[sso-session other]\nsso_start_url = https://emulator.awsapps.com/start\nsso_region = us-east-1\n`,
  });
  await writeCachedToken(w.fixture.cacheDir, "other", w.emu.issueSession({ startUrl: "https://emulator.awsapps.com/start" }));
  const result = await w.run(["logout", "--sso-session", "my-sso"]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stderr, `aws-sso-creds: signed out: 1 SSO Logout call\naws-sso-creds: removed from ${w.fixture.cacheDir}: 0ad374308c5a4e22f723adf10145eafad7c4031c.json\n`);
  const all = await w.run(["logout", "--all"]);
  assert.equal(all.code, 0, all.stderr);
  assert.match(all.stderr, /removed from .*: [0-9a-f]{40}\.json\n$/);
  const nothing = await w.run(["logout", "--all"]);
  assert.match(nothing.stderr, /nothing to remove/);
  assertNoSecret(result.stderr + all.stderr, secretsOf(w), "logout output");
});

test("list: every page of accounts and roles; a table, --json, and --config sections that work as profiles", async (t) => {
  const accounts: EmulatorAccount[] = Array.from({ length: 101 }, (_, i) => ({
    accountId: String(100000000000 + i),
    accountName: i === 0 ? "Big Account" : `Team ${i}`,
    emailAddress: `team${i}@example.com`,
    roles: i === 0 ? Array.from({ length: 101 }, (_, r) => `Role${r}`) : ["ReadOnly"],
  }));
  const w = await cliWorld(t, { emulator: { accounts } });
  const json = await w.run(["list", "--profile", "dev", "--json"]);
  assert.equal(json.code, 0, json.stderr);
  const document = JSON.parse(json.stdout) as { ssoSession: string; startUrl: string; accounts: { accountId: string; accountName: string; emailAddress: string; roles: string[] }[] };
  assert.equal(document.ssoSession, "my-sso");
  assert.equal(document.accounts.length, 101);
  assert.equal(document.accounts[0]?.roles.length, 101);
  assert.deepEqual(document.accounts[1], { accountId: "100000000001", accountName: "Team 1", emailAddress: "team1@example.com", roles: ["ReadOnly"] });
  assert.equal(w.emu.calls.ListAccounts, 2, "two pages of accounts");
  assert.equal(w.emu.calls.ListAccountRoles, 102, "one call per account, two for the one with 101 roles");

  const table = await runCliOnTerminal(["list", "--profile", "dev"], { ...w.env, NO_COLOR: "1" });
  assert.equal(table.code, 0, table.output);
  assert.match(table.output, /^Accounts and roles of sso-session "my-sso" \(https:\/\/emulator\.awsapps\.com\/start\):\nACCOUNT\s+NAME\s+EMAIL\s+ROLES\n100000000000\s+Big Account\s+team0@example\.com\s+Role0, Role1,/m);

  const config = await w.run(["list", "--profile", "dev", "--config"]);
  assert.equal(config.code, 0, config.stderr);
  assert.match(config.stdout, /^\[profile big-account-role7\]\nsso_session = my-sso\nsso_account_id = 100000000000\nsso_role_name = Role7$/m);
  assert.match(config.stdout, /^\[profile team-5-readonly\]$/m);
  assert.equal(config.stdout.match(/^\[profile /gm)?.length, 201);
  await appendFile(w.fixture.configPath, `\n${config.stdout}`);
  const credentials = await w.run(["credential-process", "--profile", "team-5-readonly"]);
  assert.equal(credentials.code, 0, credentials.stderr);
  assert.equal((JSON.parse(credentials.stdout) as { AccountId: string }).AccountId, "100000000005");
  const rerun = await w.run(["list", "--profile", "dev", "--config"]);
  assert.equal(rerun.stdout.match(/^\[profile /gm), null, "every role is a profile already");
  assert.match(rerun.stdout, /# Role7 in 100000000000 \(Big Account\) is already \[profile big-account-role7\]/);

  const expired = await cliWorld(t, { noToken: true });
  const noToken = await expired.run(["list", "--profile", "dev"]);
  assert.equal(noToken.code, 77);
  assert.match(noToken.stderr, /No cached SSO token .* Run: aws-sso-creds login --sso-session my-sso/);
});

test("credential-process --login with no token: logs in (browser), then prints the credentials", async (t) => {
  const w = await cliWorld(t, { noToken: true });
  const browser = await browserEnv(t, { visit: true });
  const result = await w.run(["credential-process", "--profile", "dev", "--login"], browser.env);
  assert.equal(result.code, 0, result.stderr);
  assert.equal((JSON.parse(result.stdout) as { Version: number }).Version, 1);
  assert.match(result.stderr, /^aws-sso-creds: a login is needed \(SsoTokenNotFoundError\); logging in \(--login\)\n/);
  assert.equal(w.emu.calls.Authorize, 1);
  const without = await (await cliWorld(t, { noToken: true })).run(["credential-process", "--profile", "dev"]);
  assert.equal(without.code, 77, "without --login, the default stays: exit 77");
});

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error("waited too long");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
