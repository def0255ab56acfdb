import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { test, type TestContext } from "node:test";

import { writeCachedToken } from "../helpers/ssoFixture.js";
import {
  expireCache,
  interopWorld,
  modeOf,
  ourCredentials,
  readCache,
  redacted,
  SESSION_NAME,
  SESSION_PROFILE,
  START_URL,
  type InteropWorld,
} from "./helpers/interopWorld.js";
import { findBotocore, runAwsCliV1, runPeer } from "./helpers/peers.js";

// One token cache, shared both ways with botocore (boto3, and the AWS CLI v1 built on it), each
// a real process of the installed Python package. botocore refreshes a session token when less
// than 15 minutes are left (botocore/tokens.py, SSOTokenProvider._REFRESH_WINDOW); ours, 5.
// The emulator's tokens last an hour, so a token fresh from either side is fresh for both.

/** The Python that has botocore, or undefined after skipping the test with the reason. */
function pythonOrSkip(t: TestContext): string | undefined {
  const found = findBotocore();
  if ("missing" in found) {
    t.skip(`botocore not installed: ${found.missing}`);
    return undefined;
  }
  return found.python;
}

async function withWorld(body: (world: InteropWorld) => Promise<void>): Promise<void> {
  const world = await interopWorld({ rotation: "rotate", accessTokenTtlSeconds: 3600 });
  try {
    await body(world);
  } finally {
    await world.stop();
  }
}

function botocoreCredentials(world: InteropWorld, python: string, profile = SESSION_PROFILE) {
  return runPeer("botocore", "credentials", { profile }, world.env, python);
}

test("botocore (boto3) and the AWS CLI v1 use the token our refresh wrote as it is: no CreateToken", async (t) => {
  const python = pythonOrSkip(t);
  if (python === undefined) return;
  await withWorld(async (world) => {
    await writeCachedToken(world.fixture.cacheDir, SESSION_NAME, world.emu.issueSession({ startUrl: START_URL, accessTokenExpired: true }));
    const ours = await ourCredentials(world, SESSION_PROFILE);
    assert.equal(ours.error, undefined);
    assert.equal(world.emu.calls.CreateToken, 1, "ours refreshed the expired token");
    const written = await readFile(world.sessionPath, "utf8");

    world.emu.resetCalls();
    const boto = await botocoreCredentials(world, python);
    assert.equal(boto.ok, true, `boto3 got credentials: ${boto.error?.message}`);
    assert.equal(boto.refreshed || boto.refreshFailed, false, "botocore did not try to refresh");
    assert.equal(world.emu.calls.CreateToken, 0);
    assert.equal(world.emu.calls.GetRoleCredentials, 1);
    assert.equal(boto.accessKeyId, world.emu.issuedRoleCredentials.at(-1)?.accessKeyId);

    world.emu.resetCalls();
    const cli = await runAwsCliV1(python, ["configure", "list", "--profile", SESSION_PROFILE], world.env);
    // Only the access key line is looked at (and shown): the table also has the secret key's last characters.
    const accessKeyLine = cli.stdout.split("\n").find((line) => line.trim().startsWith("access_key"))?.trim();
    assert.equal(cli.status, 0, `aws configure list exited ${cli.status}: ${cli.stderr.slice(-500)}`);
    const issued = world.emu.issuedRoleCredentials.at(-1)?.accessKeyId ?? "?";
    assert.match(accessKeyLine ?? "", new RegExp(`^access_key\\s+\\*+${issued.slice(-4)}\\s+sso\\b`));
    assert.equal(world.emu.calls.CreateToken, 0, "the AWS CLI did not refresh either");

    assert.equal(await readFile(world.sessionPath, "utf8"), written, "neither rewrote the file");
  });
});

test("our cache file passes botocore's own loader (SSOTokenLoader over its JSONFileCache), by session name", async (t) => {
  const python = pythonOrSkip(t);
  if (python === undefined) return;
  await withWorld(async (world) => {
    await writeCachedToken(world.fixture.cacheDir, SESSION_NAME, world.emu.issueSession({ startUrl: START_URL, accessTokenExpired: true }));
    assert.equal((await ourCredentials(world, SESSION_PROFILE)).error, undefined);
    const ourFile = await readCache(world.sessionPath);
    assert.equal(await modeOf(world.sessionPath), 0o600);

    const loaded = await runPeer(
      "botocore",
      "load-token",
      { cacheDir: world.fixture.cacheDir, startUrl: START_URL, sessionName: SESSION_NAME },
      world.env,
      python,
    );
    assert.equal(loaded.ok, true, `botocore's loader read our file: ${loaded.error?.message}`);
    assert.deepEqual(loaded.fields, Object.keys(ourFile).sort());
    assert.equal(loaded.expiresAt, ourFile.expiresAt);
    assert.equal(loaded.expiresAtHasZone, true, "dateutil reads our expiresAt as UTC, not as local time");
    assert.equal(Date.parse(loaded.expiresAtParsed as string), Date.parse(ourFile.expiresAt as string));
    assert.equal(Date.parse(loaded.registrationExpiresAtParsed as string), Date.parse(ourFile.registrationExpiresAt as string));
  });
});

test("ours uses a session token botocore refreshed: no CreateToken", async (t) => {
  const python = pythonOrSkip(t);
  if (python === undefined) return;
  await withWorld(async (world) => {
    const session = world.emu.issueSession({ startUrl: START_URL, accessTokenExpired: true });
    await writeCachedToken(world.fixture.cacheDir, SESSION_NAME, session);
    const boto = await botocoreCredentials(world, python);
    assert.equal(boto.ok, true, `boto3 got credentials: ${boto.error?.message}`);
    assert.equal(boto.refreshed, true, "botocore refreshed the expired token");
    assert.equal(world.emu.calls.CreateToken, 1);
    const botoFile = await readCache(world.sessionPath);
    t.diagnostic(`botocore wrote expiresAt ${JSON.stringify(botoFile.expiresAt)}, mode ${(await modeOf(world.sessionPath)).toString(8)}`);
    assert.equal(botoFile.refreshToken, world.emu.latestRefreshToken);

    world.emu.resetCalls();
    const ours = await ourCredentials(world, SESSION_PROFILE);
    assert.equal(ours.error, undefined);
    assert.equal(world.emu.calls.CreateToken, 0, "ours did not refresh again");
    assert.equal(world.emu.calls.GetRoleCredentials, 1);
    assert.ok(!ours.log.some((line) => line.message.includes("refreshing")), "ours logged no refresh");
    assert.deepEqual(await readCache(world.sessionPath), botoFile, "ours left botocore's file as it was");
  });
});

test("fields we do not know survive our writes, even after botocore dropped them and added others", async (t) => {
  const python = pythonOrSkip(t);
  if (python === undefined) return;
  await withWorld(async (world) => {
    const unknown = {
      "x-other-tool": { name: "sso-helper", scopes: ["sso:account:access"], nested: { n: 1 } },
      sessionLabel: "dev laptop",
      customNumber: 42,
      customNull: null,
    };
    const session = world.emu.issueSession({ startUrl: START_URL, accessTokenExpired: true });
    // A file without startUrl and region (they are optional), with fields nobody here knows.
    await writeCachedToken(world.fixture.cacheDir, SESSION_NAME, session, { startUrl: undefined, region: undefined, ...unknown });

    // 1. Our refresh keeps them, and adds nothing.
    assert.equal((await ourCredentials(world, SESSION_PROFILE)).error, undefined);
    const afterOurs = await readCache(world.sessionPath);
    for (const [field, value] of Object.entries(unknown)) assert.deepEqual(afterOurs[field], value, `ours kept ${field}`);
    assert.equal("startUrl" in afterOurs || "region" in afterOurs, false, "ours added no field");
    assert.equal(afterOurs.refreshToken, world.emu.latestRefreshToken);
    assert.equal(afterOurs.clientId, session.clientId);

    // 2. botocore refreshes: it rebuilds the record from the fields it knows and the config.
    await expireCache(world.sessionPath);
    const boto = await botocoreCredentials(world, python);
    assert.equal(boto.ok, true, `boto3 got credentials: ${boto.error?.message}`);
    assert.equal(boto.refreshed, true);
    const afterBoto = await readCache(world.sessionPath);
    const dropped = Object.keys(afterOurs).filter((field) => !(field in afterBoto));
    const added = Object.keys(afterBoto).filter((field) => !(field in afterOurs));
    t.diagnostic(`botocore's rewrite dropped [${dropped.join(", ")}] and added [${added.join(", ")}]`);
    assert.equal(afterBoto.refreshToken, world.emu.latestRefreshToken);

    // 3. Another tool adds a field of its own; then ours refreshes again: everything on file survives.
    const third = { ...afterBoto, "x-third-tool": ["kept", 1, true] };
    await writeFile(world.sessionPath, JSON.stringify(third));
    await expireCache(world.sessionPath);
    world.emu.resetCalls();
    assert.equal((await ourCredentials(world, SESSION_PROFILE)).error, undefined);
    assert.equal(world.emu.calls.CreateToken, 1);
    const final = await readCache(world.sessionPath);
    for (const field of Object.keys(third)) assert.ok(field in final, `ours kept ${field}`);
    assert.deepEqual(final["x-third-tool"], ["kept", 1, true]);
    for (const field of ["startUrl", "region", "clientId", "clientSecret", "registrationExpiresAt"]) {
      assert.deepEqual(final[field], afterBoto[field], `${field} unchanged`);
    }
    assert.notEqual(final.accessToken, afterBoto.accessToken);
    assert.equal(final.refreshToken, world.emu.latestRefreshToken);
    assert.equal(await modeOf(world.sessionPath), 0o600);
    t.diagnostic(`final file: ${JSON.stringify(redacted(final))}`);
  });
});
