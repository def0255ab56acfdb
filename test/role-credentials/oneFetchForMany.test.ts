// One fetch for many processes: 16 processes started together, a valid SSO token, and an empty (then
// an expired) role credential cache make exactly 1 GetRoleCredentials, and for a role chain exactly
// 1 AssumeRole per hop; every process gets the same credentials. Runs the BUILT package (npm run build).
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { assumeRoleCacheKey } from "../../src/role-credentials/assumeRoleCacheKey.js";
import { ssoRoleCacheKey } from "../../src/role-credentials/ssoRoleCacheKey.js";
import { IdentityCenterEmulator } from "../emulator/index.js";
import { START_URL } from "../helpers/providerWorld.js";
import { ACCOUNT_ID, ROLE_NAME, makeSsoFixture, writeCachedToken, type SsoFixture } from "../helpers/ssoFixture.js";
import { WorkerPool } from "../helpers/WorkerPool.js";
import { ROLE_A, ROLE_B, chainConfig } from "./chainWorld.js";

const PROCESSES = 16;
let emu: IdentityCenterEmulator;
let fixture: SsoFixture;
let pool: WorkerPool;
let roleCacheDir: string;

before(async () => {
  emu = new IdentityCenterEmulator();
  await emu.start();
  fixture = await makeSsoFixture(chainConfig());
  await writeCachedToken(fixture.cacheDir, "my-sso", emu.issueSession({ startUrl: START_URL }));
  roleCacheDir = join(fixture.home, ".aws", "cli", "cache");
  pool = await WorkerPool.start(PROCESSES);
});
after(async () => {
  await pool?.stop();
  await emu?.stop();
  await fixture?.cleanup();
});

const init = (profile: string) => ({
  profile,
  configFilepath: fixture.configPath,
  cacheDir: fixture.cacheDir,
  clientConfig: { endpoint: emu.url },
  roleCredentialCache: roleCacheDir,
  lock: { waitTimeoutMs: 60_000 },
});

function assertAllSame(results: Awaited<ReturnType<WorkerPool["round"]>>): string {
  const failed = results.filter((result) => !result.ok);
  assert.deepEqual(failed.map((result) => result.error), [], "no process failed");
  const keys = new Set(results.map((result) => result.accessKeyId));
  assert.equal(keys.size, 1, `every process got the same credentials (${[...keys].join(", ")})`);
  const warnings = results.flatMap((result) => result.lines.filter((line) => line.level === "warn").map((line) => line.message));
  assert.deepEqual(warnings, []);
  return [...keys][0] as string;
}

test(`${PROCESSES} processes, a valid token, an empty role cache: exactly 1 GetRoleCredentials`, { timeout: 180_000 }, async (t) => {
  emu.resetCalls();
  const results = await pool.round(init("dev"));
  const key = assertAllSame(results);
  assert.equal(emu.calls.GetRoleCredentials, 1);
  assert.equal(emu.calls.CreateToken, 0);
  const path = join(roleCacheDir, `${ssoRoleCacheKey({ accountId: ACCOUNT_ID, roleName: ROLE_NAME, ssoSession: "my-sso", startUrl: START_URL })}.json`);
  assert.match(await readFile(path, "utf8"), new RegExp(key));
  const adopted = results.filter((result) => result.lines.some((line) => line.message.includes("fetched meanwhile by another process"))).length;
  t.diagnostic(`1 GetRoleCredentials for ${PROCESSES} processes; ${adopted} took the entry while waiting for the lock, ${PROCESSES - 1 - adopted} read it before`);

  // The entry expired: again exactly one fetch, and every process gets the new credentials.
  await writeFile(path, (await readFile(path, "utf8")).replace(/"Expiration": "[^"]+"/, '"Expiration": "2020-01-01T00:00:00Z"'));
  emu.resetCalls();
  const renewed = assertAllSame(await pool.round(init("dev")));
  assert.notEqual(renewed, key);
  assert.equal(emu.calls.GetRoleCredentials, 1);
});

test(`${PROCESSES} processes, a two-hop chain, an empty cache for its roles: 1 GetRoleCredentials (cached already) and 1 AssumeRole per hop`, { timeout: 180_000 }, async () => {
  emu.resetCalls();
  const key = assertAllSame(await pool.round(init("admin")));
  assert.deepEqual([emu.calls.GetRoleCredentials, emu.calls.AssumeRole], [0, 2]);
  const top = await readFile(join(roleCacheDir, `${assumeRoleCacheKey({ roleArn: ROLE_B })}.json`), "utf8");
  assert.match(top, new RegExp(key));
  assert.match(await readFile(join(roleCacheDir, `${assumeRoleCacheKey({ roleArn: ROLE_A })}.json`), "utf8"), /"AccountId": "222233334444"/);
});
