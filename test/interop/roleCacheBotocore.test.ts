// The role credential cache (~/.aws/cli/cache), shared with real peers: botocore's SSO credential
// fetcher with JSONFileCache (set up as AWS CLI v2 does) and the AWS CLI v1's assume-role cache, each
// a real process of the installed Python packages, against the emulator. Skipped where they are absent.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { test, type TestContext } from "node:test";
import { fileURLToPath } from "node:url";

import { assumeRoleCacheKey } from "../../src/role-credentials/assumeRoleCacheKey.js";
import { ssoRoleCacheKey } from "../../src/role-credentials/ssoRoleCacheKey.js";
import type { ProviderWorld } from "../helpers/providerWorld.js";
import { ACCOUNT_ID, ROLE_NAME, SSO_REGION } from "../helpers/ssoFixture.js";
import { START_URL } from "../helpers/providerWorld.js";
import { ROLE_A, chainWorld } from "../role-credentials/chainWorld.js";
import { findBotocore, peerEnv, runAwsCliV1 } from "./helpers/peers.js";

const PEER = fileURLToPath(new URL("../fixtures/interop/role_cache_peer.py", import.meta.url));
const DEV_KEY = ssoRoleCacheKey({ accountId: ACCOUNT_ID, roleName: ROLE_NAME, ssoSession: "my-sso", startUrl: START_URL });

function pythonOrSkip(t: TestContext): string | undefined {
  const found = findBotocore();
  if ("missing" in found) {
    t.skip(`botocore not installed: ${found.missing}`);
    return undefined;
  }
  return found.python;
}

/** Runs the peer to its one result line (asynchronously: the emulator answers from this process). */
function peer(python: string, command: string, request: Record<string, unknown>, env: NodeJS.ProcessEnv): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, [PEER, command], { env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.once("error", reject);
    child.once("close", () => {
      const line = stdout.split("\n").find((text) => text.startsWith("{"));
      if (line === undefined) reject(new Error(`no result from the peer; stderr: ${stderr.slice(-2000)}`));
      else resolve(JSON.parse(line) as Record<string, unknown>);
    });
    child.stdin.end(`${JSON.stringify(request)}\n`);
  });
}

const roleCacheDir = (w: ProviderWorld): string => join(w.fixture.home, ".aws", "cli", "cache");
const ours = (w: ProviderWorld, profile = "dev") => w.provider({ profile, homeDir: w.fixture.home, roleCredentialCache: true })();

test("an SSO entry we wrote is used by botocore's SSO fetcher with JSONFileCache (AWS CLI v2's set-up): 0 GetRoleCredentials", async (t) => {
  const python = pythonOrSkip(t);
  if (python === undefined) return;
  const w = await chainWorld();
  t.after(() => w.close());
  const env = peerEnv(w.fixture, w.emu.url);
  const credentials = await ours(w);
  assert.equal(w.emu.calls.GetRoleCredentials, 1);
  const seen = await peer(python, "sso-credentials", { profile: "dev" }, env);
  assert.equal(seen.ok, true, JSON.stringify(seen.error));
  assert.equal(seen.accessKeyId, credentials.accessKeyId);
  assert.equal(w.emu.calls.GetRoleCredentials, 1, "botocore took our entry");

  // The other way: without the entry botocore fetches and writes its own, which ours then uses.
  await rm(join(roleCacheDir(w), `${DEV_KEY}.json`));
  const fetched = await peer(python, "sso-credentials", { profile: "dev" }, env);
  assert.equal(fetched.ok, true, JSON.stringify(fetched.error));
  assert.equal(w.emu.calls.GetRoleCredentials, 2, "botocore fetched (the set-up is live)");
  assert.deepEqual(await readdir(roleCacheDir(w)), [`${DEV_KEY}.json`], "botocore wrote under the same key");
  const theirs = await ours(w);
  assert.equal(theirs.accessKeyId, fetched.accessKeyId);
  assert.equal(w.emu.calls.GetRoleCredentials, 2, "ours took botocore's entry");
});

test("byte for byte: botocore's SSOCredentialFetcher writes the file ours writes, under the same name (session and legacy keys)", async (t) => {
  const python = pythonOrSkip(t);
  if (python === undefined) return;
  const w = await chainWorld();
  t.after(() => w.close());
  const credentials = await ours(w);
  const botocoreDir = await mkdtemp(join(w.fixture.home, "botocore-"));
  const issued = w.emu.issuedRoleCredentials[0];
  const request = {
    cacheDir: botocoreDir,
    startUrl: START_URL,
    ssoRegion: SSO_REGION,
    roleName: ROLE_NAME,
    accountId: ACCOUNT_ID,
    roleCredentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
      expiration: issued?.expiration,
    },
  };
  const written = await peer(python, "write-sso-entry", { ...request, sessionName: "my-sso" }, peerEnv(w.fixture, w.emu.url));
  assert.equal(written.ok, true, JSON.stringify(written.error));
  assert.equal(written.key, DEV_KEY);
  assert.equal(await readFile(join(botocoreDir, `${DEV_KEY}.json`), "utf8"), await readFile(join(roleCacheDir(w), `${DEV_KEY}.json`), "utf8"));
  const legacy = await peer(python, "write-sso-entry", request, peerEnv(w.fixture, w.emu.url));
  assert.equal(legacy.key, ssoRoleCacheKey({ accountId: ACCOUNT_ID, roleName: ROLE_NAME, ssoSession: undefined, startUrl: START_URL }));
});

test("assumed roles: the AWS CLI v1's cache entry is used by ours, and ours by the AWS CLI: 0 AssumeRole either way", async (t) => {
  const python = pythonOrSkip(t);
  if (python === undefined) return;
  const w = await chainWorld();
  t.after(() => w.close());
  const env = peerEnv(w.fixture, w.emu.url, { AWS_ENDPOINT_URL_STS: w.emu.url });
  const path = join(roleCacheDir(w), `${assumeRoleCacheKey({ roleArn: ROLE_A })}.json`);

  // The AWS CLI assumes the role (from the SSO profile) and caches it.
  const cli = await runAwsCliV1(python, ["sts", "get-caller-identity", "--profile", "deploy", "--output", "json"], env);
  assert.equal(cli.status, 0, cli.stderr);
  assert.equal(w.emu.calls.AssumeRole, 1);
  const cliText = await readFile(path, "utf8");
  const cliEntry = JSON.parse(cliText) as { Credentials: Record<string, string> };
  // Ours reads it: no AssumeRole, the CLI's credentials.
  const fromCli = await ours(w, "deploy");
  assert.equal(fromCli.accessKeyId, cliEntry.Credentials.AccessKeyId);
  assert.equal(w.emu.calls.AssumeRole, 1);

  // The same shape as ours: the keys in the same order, Expiration as the CLI writes it.
  await rm(roleCacheDir(w), { recursive: true });
  const fresh = await ours(w, "deploy");
  assert.equal(w.emu.calls.AssumeRole, 2);
  const ourText = await readFile(path, "utf8");
  const shape = (text: string) => {
    const entry = JSON.parse(text) as Record<string, Record<string, unknown>>;
    return { top: Object.keys(entry), credentials: Object.keys(entry.Credentials ?? {}), user: Object.keys(entry.AssumedRoleUser ?? {}), expiration: String(entry.Credentials?.Expiration).replace(/\d/g, "0") };
  };
  assert.deepEqual(shape(ourText), shape(cliText));
  assert.match(cliText, /^\{"Credentials": \{"AccessKeyId": "/, "Python's separators, insertion order");
  assert.match(ourText, /^\{"Credentials": \{"AccessKeyId": "/);

  // The AWS CLI reads ours: GetCallerIdentity signed with our key, no AssumeRole.
  const again = await runAwsCliV1(python, ["sts", "get-caller-identity", "--profile", "deploy", "--output", "json"], env);
  assert.equal(again.status, 0, again.stderr);
  assert.equal(w.emu.calls.AssumeRole, 2);
  assert.equal(w.emu.stsRequests.at(-1)?.operation, "GetCallerIdentity");
  assert.equal(w.emu.stsRequests.at(-1)?.accessKeyId, fresh.accessKeyId);
  t.diagnostic(`AWS CLI v1 assume-role entry: ${cliText.replace(/"(SecretAccessKey|SessionToken)": "[^"]+"/g, '"$1": "…"').slice(0, 400)}`);
});
