import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { test } from "node:test";

import type { SsoStatusReport } from "../../src/cli/SsoStatusReport.js";
import { tokenCacheFilePath } from "../../src/token/tokenCacheFilePath.js";
import { ACCOUNT_ID, legacyProfileConfig, ROLE_NAME, sessionProfileConfig, writeCachedToken } from "../helpers/ssoFixture.js";
import { assertNoSecret, cliWorld, runCliOnTerminal, START_URL, which } from "./cliHarness.js";

const ESC = "\u001b";
const LEGACY_START_URL = "https://legacy.awsapps.com/start";

/** The cache file keeps whole seconds, as the AWS CLI writes it. */
function wholeSeconds(date: Date): string {
  return new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString();
}

/** dev and ops on session my-sso (refreshable, expired), legacy on its own start URL (expired: login needed), idle session unused. */
function mixedConfig(): string {
  return [
    sessionProfileConfig({ startUrl: START_URL, region: "eu-west-1" }),
    "[profile ops]",
    "sso_session = my-sso",
    `sso_account_id = 444455556666`,
    "sso_role_name = Administrator",
    "",
    legacyProfileConfig({ profile: "legacy", startUrl: LEGACY_START_URL }),
    "[profile broken]",
    "sso_session = nowhere",
    "",
    "[profile static]",
    "aws_access_key_id = AKIASTATIC",
    "",
    "[sso-session idle]",
    "sso_start_url = https://idle.awsapps.com/start",
    "sso_region = eu-central-1",
    "",
  ].join("\n");
}

async function mixedWorld(t: Parameters<typeof cliWorld>[0]) {
  const w = await cliWorld(t, { config: mixedConfig(), session: { accessTokenExpired: true } });
  const legacy = w.emu.issueSession({ startUrl: LEGACY_START_URL, accessTokenExpired: true });
  const legacyPath = await writeCachedToken(w.fixture.cacheDir, LEGACY_START_URL, legacy, { refreshToken: undefined, clientId: undefined, clientSecret: undefined });
  const secrets = () => [...w.secrets(), legacy.accessToken, legacy.refreshToken, legacy.clientSecret, legacy.clientId, w.session.clientId];
  return { ...w, legacyPath, secrets };
}

test("status --json reports sessions and profiles from the files alone: no call, no refresh, no token", async (t) => {
  const w = await mixedWorld(t);
  const before = await readFile(w.cachePath, "utf8");
  const result = await w.run(["status", "--json"]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stderr, "");
  assertNoSecret(result.stdout, w.secrets(), "status --json");
  assert.deepEqual(w.emu.calls, { ...w.emu.calls, CreateToken: 0, GetRoleCredentials: 0, RegisterClient: 0 }, "no call to the service");
  assert.equal(await readFile(w.cachePath, "utf8"), before, "the expired, refreshable token is left as it is");

  const report = JSON.parse(result.stdout) as SsoStatusReport;
  assert.equal(report.configFile, w.fixture.configPath);
  // One line on when the running Node.js stops being supported by the AWS SDK (none from 22 on).
  if (Number(process.versions.node.split(".")[0]) < 22) assert.match(report.nodeSupport ?? "", /^Node\.js [\d.]+: .* need Node\.js 22 or later$/);
  else assert.equal(report.nodeSupport, null);
  assert.equal(report.cacheDir, w.fixture.cacheDir);
  const session = report.sessions.find((s) => s.ssoSession === "my-sso");
  assert.deepEqual(
    { ...session, expiresInSeconds: undefined },
    {
      ssoSession: "my-sso",
      startUrl: START_URL,
      ssoRegion: "us-east-1",
      cacheFile: w.cachePath,
      token: "expired",
      expiresAt: wholeSeconds(w.session.expiresAt),
      expiresInSeconds: undefined,
      canRefresh: true,
      refreshBlocker: null,
      registrationExpiresAt: wholeSeconds(w.session.registrationExpiresAt),
      needsLogin: false,
      loginCommand: "aws-sso-creds login --sso-session my-sso",
      awsCliLoginCommand: "aws sso login --sso-session my-sso",
      loginFlows: ["pkce", "device"],
      problem: null,
      profiles: ["dev", "ops"],
    },
  );
  assert.ok((session?.expiresInSeconds ?? 0) < 0);

  const legacy = report.sessions.find((s) => s.ssoSession === null);
  assert.equal(legacy?.startUrl, LEGACY_START_URL);
  assert.equal(legacy?.cacheFile, w.legacyPath);
  assert.equal(legacy?.token, "expired");
  assert.equal(legacy?.canRefresh, false);
  assert.match(legacy?.refreshBlocker ?? "", /legacy profile/);
  assert.equal(legacy?.needsLogin, true);
  assert.equal(legacy?.loginCommand, "aws-sso-creds login --profile legacy");
  assert.equal(legacy?.awsCliLoginCommand, "aws sso login --profile legacy");
  assert.deepEqual(legacy?.loginFlows, ["device"]);

  const idle = report.sessions.find((s) => s.ssoSession === "idle");
  assert.equal(idle?.token, "missing");
  assert.equal(idle?.needsLogin, true);
  assert.deepEqual(idle?.profiles, []);
  assert.equal(idle?.cacheFile, tokenCacheFilePath(w.fixture.cacheDir, "idle"));

  assert.deepEqual(
    report.profiles.map((p) => [p.profile, p.ssoSession, p.accountId, p.roleName, p.region, p.error === null]),
    [
      ["dev", "my-sso", ACCOUNT_ID, ROLE_NAME, "eu-west-1", true],
      ["ops", "my-sso", "444455556666", "Administrator", null, true],
      ["legacy", null, ACCOUNT_ID, ROLE_NAME, null, true],
      ["broken", "nowhere", null, null, null, false],
    ],
    "SSO profiles only (not static), in file order, a broken one with its error",
  );
  assert.match(report.profiles[3]?.error ?? "", /no \[sso-session nowhere\] section/);
});

test("status prints tables without colour when stdout is not a terminal", async (t) => {
  const w = await mixedWorld(t);
  const result = await w.run(["status"]);
  assert.equal(result.code, 0, result.stderr);
  assertNoSecret(result.stdout, w.secrets(), "status");
  assert.ok(!result.stdout.includes(ESC), "no escape codes");
  const lines = result.stdout.split("\n");
  assert.match(lines[0] ?? "", /^SSO sessions \(token cache .*\)$/);
  assert.match(lines[1] ?? "", /^SESSION\s+START URL\s+SSO REGION\s+TOKEN\s+REFRESH\s+LOGIN\s+PROFILES$/);
  assert.match(result.stdout, /my-sso\s+https:\/\/emulator\.awsapps\.com\/start\s+us-east-1\s+expired \S+ ago\s+yes\s+pkce, device\s+dev, ops/);
  assert.match(result.stdout, /\(legacy\)\s+https:\/\/legacy\.awsapps\.com\/start\s+us-east-1\s+expired \S+ ago\s+no: legacy profile\s+device\s/);
  assert.match(result.stdout, /idle\s+https:\/\/idle\.awsapps\.com\/start\s+eu-central-1\s+not logged in/);
  assert.match(result.stdout, /PROFILE\s+SESSION\s+ACCOUNT\s+ROLE\s+REGION/);
  assert.match(result.stdout, /dev\s+my-sso\s+111122223333\s+ReadOnly\s+eu-west-1/);
  assert.match(result.stdout, /https:\/\/legacy\.awsapps\.com\/start: log in with: aws-sso-creds login --profile legacy \(or: aws sso login --profile legacy\)/);
  assert.match(result.stdout, /idle: log in with: aws-sso-creds login --sso-session idle \(or: aws sso login --sso-session idle\)/);
  assert.match(result.stdout, /profile broken: Profile "broken" uses sso_session = nowhere/);
  assert.doesNotMatch(result.stdout, /static/);
});

test("status shows a valid token's time left and an unusable cache file's problem", async (t) => {
  const w = await cliWorld(t);
  let result = await w.run(["status", "--profile", "dev"]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /my-sso\s+\S+\s+us-east-1\s+valid, (59m|1h 0m) left\s+yes\s+pkce, device\s+dev/);

  await writeFile(w.cachePath, "{ not json");
  result = await w.run(["status", "--profile", "dev", "--json"]);
  assert.equal(result.code, 74, "status --profile exits 74 for a cache file that cannot be used, as env does");
  const report = JSON.parse(result.stdout) as SsoStatusReport;
  assert.equal(report.sessions[0]?.token, "unusable");
  assert.match(report.sessions[0]?.problem ?? "", /is not valid JSON/);
});

test("status --profile: only that profile; 77 when it needs a login, 78 when it is not configured", async (t) => {
  const w = await mixedWorld(t);
  let result = await w.run(["status", "--profile", "dev", "--json"]);
  assert.equal(result.code, 0, "expired but refreshable: no login needed");
  const report = JSON.parse(result.stdout) as SsoStatusReport;
  assert.deepEqual(report.profiles.map((p) => p.profile), ["dev"]);
  assert.deepEqual(report.sessions.map((s) => s.ssoSession), ["my-sso"]);

  result = await w.run(["status", "--profile", "legacy"]);
  assert.equal(result.code, 77);
  assert.match(result.stdout, /log in with: aws-sso-creds login --profile legacy \(or: aws sso login --profile legacy\)/);

  for (const profile of ["missing", "broken", "static"]) {
    result = await w.run(["status", "--profile", profile]);
    assert.equal(result.code, 78, `${profile}: config error`);
    assert.equal(result.stdout, "");
    assert.match(result.stderr, new RegExp(`^aws-sso-creds: Profile "${profile}"`));
  }
});

test("status: without --profile, AWS_PROFILE does not narrow the report", async (t) => {
  const w = await mixedWorld(t);
  const result = await w.run(["status", "--json"], { AWS_PROFILE: "dev" });
  assert.equal((JSON.parse(result.stdout) as SsoStatusReport).profiles.length, 4);
});

test("status on a terminal: colours, and none with NO_COLOR", async (t) => {
  if (which("script") === undefined) {
    t.skip("script (util-linux) is not installed: no terminal to test with");
    return;
  }
  const w = await mixedWorld(t);
  const onTerminal = async (extra: NodeJS.ProcessEnv): Promise<string> => {
    const { code, output } = await runCliOnTerminal(["status"], { ...w.env, ...extra });
    assert.equal(code, 0, output);
    return output;
  };
  const coloured = await onTerminal({});
  assert.ok(coloured.includes(`${ESC}[32myes${ESC}[39m`), "green: can refresh");
  assert.ok(coloured.includes(`${ESC}[31mnot logged in${ESC}[39m`), "red: login needed");
  assertNoSecret(coloured, w.secrets(), "status on a terminal");
  const plain = await onTerminal({ NO_COLOR: "1" });
  assert.ok(!plain.includes(ESC), "no escape codes");
  assert.match(plain, /not logged in/);
});
