import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { after, before, test } from "node:test";

import { fromSSO } from "../../src/index.js";
import { tokenCacheFilePath } from "../../src/token/tokenCacheFilePath.js";
import { IdentityCenterEmulator, type IssuedSession } from "../emulator/index.js";
import {
  legacyProfileConfig,
  makeSsoFixture,
  recordingLogger,
  sessionProfileConfig,
  SSO_REGION,
  type SsoFixture,
} from "../helpers/ssoFixture.js";
import { findBotocore, peerEnv, runPeer } from "./helpers/peers.js";

// Every `expiresAt` format the other tools write, in files those tools wrote, for session and
// legacy profiles, read by ours with no refresh it does not need. Found in the installed code:
//   botocore refresh (tokens.py _sso_json_dumps):        2026-01-02T03:04:05Z
//   botocore JSONFileCache default (utils.py, %Z):       2026-01-02T03:04:05UTC
//   botocore JSONFileCache iso=True (isoformat):         2026-01-02T03:04:05.123456+00:00
//   JS SDK refresh (token-providers, toISOString):       2026-01-02T03:04:05.123Z
// (The AWS CLI v1 has no `aws sso login` and writes no token; it reads them through botocore.)
// A zone misread as local time is caught by running ours in zones far from UTC: a token valid
// for 400 s (outside our 5-minute window) is read under UTC+05:30, where a local-time reading
// would see it expired hours ago; a token with 200 s left (session: must refresh) or just
// expired (legacy: must fail) is read under UTC-08:00, where it would look valid for hours.

type Format = "botocore-refresh" | "botocore-utc" | "botocore-isoformat" | "js-sdk";
type Kind = "session" | "legacy";
type When = "fresh" | "near";

const FORMATS: Format[] = ["botocore-refresh", "botocore-utc", "botocore-isoformat", "js-sdk"];
const BOTOCORE_FORMAT: Record<Exclude<Format, "js-sdk">, string> = {
  "botocore-refresh": "sso-token-provider",
  "botocore-utc": "json-file-cache",
  "botocore-isoformat": "isoformat",
};
const SHAPE: Record<Format, RegExp> = {
  "botocore-refresh": /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
  "botocore-utc": /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dUTC$/,
  "botocore-isoformat": /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/,
  "js-sdk": /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/,
};
const ZONE: Record<When, string> = { fresh: "Asia/Kolkata", near: "America/Los_Angeles" };
const FRESH_SECONDS = 400;
const NEAR_SECONDS = 200;

interface Case {
  format: Format;
  kind: Kind;
  when: When;
  profile: string;
  /** The session name (session profiles) or start URL (legacy): the cache file's key. */
  key: string;
  startUrl: string;
  session?: IssuedSession;
}

const cases: Case[] = FORMATS.flatMap((format) =>
  (["session", "legacy"] as const).flatMap((kind) =>
    (["fresh", "near"] as const).map((when) => {
      const id = `${format}-${kind}-${when}`;
      const startUrl = `https://emulator.awsapps.com/start#${kind === "legacy" ? id : "shared"}`;
      return { format, kind, when, profile: id, key: kind === "session" ? `s-${id}` : startUrl, startUrl };
    }),
  ),
);

let emu: IdentityCenterEmulator;
let fixture: SsoFixture;
let env: NodeJS.ProcessEnv;
const writtenBy = new Map<string, string>(); // profile → expiresAt as found in the file

before(async () => {
  emu = new IdentityCenterEmulator({ rotation: "rotate", accessTokenTtlSeconds: 3600 });
  await emu.start();
  fixture = await makeSsoFixture(
    cases
      .map((c) =>
        c.kind === "session"
          ? sessionProfileConfig({ profile: c.profile, session: c.key, startUrl: c.startUrl })
          : legacyProfileConfig({ profile: c.profile, startUrl: c.startUrl }),
      )
      .join("\n"),
  );
  env = peerEnv(fixture, emu.url);
});
after(async () => {
  await emu?.stop();
  await fixture?.cleanup();
});

function record(session: IssuedSession, kind: Kind): Record<string, unknown> {
  const base = { startUrl: session.startUrl, region: SSO_REGION, accessToken: session.accessToken };
  if (kind === "legacy") return base; // what a legacy `aws sso login` leaves: no registration, no refresh token
  const registrationExpiresAt = session.registrationExpiresAt.toISOString().replace(/\.\d{3}Z$/, "Z");
  return { ...base, clientId: session.clientId, clientSecret: session.clientSecret, registrationExpiresAt, refreshToken: session.refreshToken };
}

function issue(c: Case): IssuedSession {
  if (c.when === "fresh") return emu.issueSession({ startUrl: c.startUrl, accessTokenTtlSeconds: FRESH_SECONDS });
  if (c.kind === "session") return emu.issueSession({ startUrl: c.startUrl, accessTokenTtlSeconds: NEAR_SECONDS });
  return emu.issueSession({ startUrl: c.startUrl, accessTokenExpired: true });
}

/** Writes every case's file with the tool whose format it is. Returns why botocore cases are skipped, if they are. */
async function writeAllFiles(): Promise<string | undefined> {
  for (const c of cases) c.session = issue(c);
  const botocore = findBotocore();
  const byBotocore = cases.filter((c) => c.format !== "js-sdk");
  if ("python" in botocore) {
    const result = await runPeer(
      "botocore",
      "write-token",
      {
        cacheDir: fixture.cacheDir,
        writes: byBotocore.map((c) => ({
          startUrl: c.startUrl,
          sessionName: c.kind === "session" ? c.key : undefined,
          format: BOTOCORE_FORMAT[c.format as Exclude<Format, "js-sdk">],
          record: record(c.session as IssuedSession, c.kind),
          expiresAtEpoch: (c.session as IssuedSession).expiresAt.getTime() / 1000,
        })),
      },
      env,
      botocore.python,
    );
    assert.equal(result.ok, true, `botocore wrote the files: ${result.error?.message}`);
    const written = result.written as { path: string; expiresAt: string }[];
    byBotocore.forEach((c, i) => {
      assert.equal(written[i]?.path, tokenCacheFilePath(fixture.cacheDir, c.key), "botocore names the file as we do");
      writtenBy.set(c.profile, written[i]?.expiresAt ?? "");
    });
  }
  for (const c of cases.filter((c) => c.format === "js-sdk")) {
    const session = c.session as IssuedSession;
    const path = tokenCacheFilePath(fixture.cacheDir, c.key);
    if (c.kind === "legacy") {
      // The JS SDK never writes a legacy token; this is its timestamp format, in its JSON layout.
      await writeFile(path, JSON.stringify({ ...record(session, c.kind), expiresAt: session.expiresAt.toISOString() }, null, 2), { mode: 0o600 });
    } else {
      // The JS SDK's own refresh writes it: an expired token, refreshed with the lifetime the case needs.
      const expired = emu.issueSession({ startUrl: c.startUrl, accessTokenExpired: true });
      await writeFile(path, JSON.stringify({ ...record(expired, c.kind), expiresAt: expired.expiresAt.toISOString() }), { mode: 0o600 });
      emu.configure({ accessTokenTtlSeconds: c.when === "fresh" ? FRESH_SECONDS : NEAR_SECONDS });
      try {
        const js = await runPeer("js-sdk", "credentials", { profile: c.profile }, env);
        assert.equal(js.ok, true, `the JS SDK refreshed ${c.profile}: ${js.error?.message}`);
        assert.deepEqual(js.createToken, { ok: 1, failed: 0 });
      } finally {
        emu.configure({ accessTokenTtlSeconds: 3600 });
      }
    }
    writtenBy.set(c.profile, (JSON.parse(await readFile(path, "utf8")) as { expiresAt: string }).expiresAt);
  }
  return "missing" in botocore ? botocore.missing : undefined;
}

/** Our provider in this process, under time zone `zone` (Node applies a TZ change at once). */
async function oursUnder(zone: string, profile: string) {
  const previous = process.env.TZ;
  process.env.TZ = zone;
  const logger = recordingLogger();
  try {
    const provider = fromSSO({
      profile,
      configFilepath: fixture.configPath,
      filepath: `${fixture.home}/.aws/credentials`,
      cacheDir: fixture.cacheDir,
      clientConfig: { endpoint: emu.url },
      logger,
    });
    return await provider().then(
      (credentials) => ({ credentials, error: undefined, log: logger.lines }),
      (error: Error) => ({ credentials: undefined, error, log: logger.lines }),
    );
  } finally {
    if (previous === undefined) delete process.env.TZ;
    else process.env.TZ = previous;
  }
}

let botocoreMissing: string | undefined;
test("the files are written by botocore and the JS SDK, each in its own format", async (t) => {
  botocoreMissing = await writeAllFiles();
  if (botocoreMissing !== undefined) t.diagnostic(`botocore not installed: ${botocoreMissing}; its formats are skipped`);
  for (const c of cases) {
    const found = writtenBy.get(c.profile);
    if (found === undefined) continue;
    assert.match(found, SHAPE[c.format], `${c.profile}: ${found}`);
  }
  t.diagnostic(
    `formats found: ${FORMATS.map((f) => `${f} ${JSON.stringify(writtenBy.get(cases.find((c) => c.format === f)?.profile ?? "") ?? "-")}`).join(", ")}`,
  );
});

for (const c of cases) {
  const expectation =
    c.when === "fresh"
      ? `valid ${FRESH_SECONDS} s: used as it is (read under ${ZONE.fresh})`
      : c.kind === "session"
        ? `${NEAR_SECONDS} s left: refreshed once (read under ${ZONE.near})`
        : `expired: reported as expired (read under ${ZONE.near})`;
  test(`${c.format} format, ${c.kind} profile, ${expectation}`, async (t) => {
    if (c.format !== "js-sdk" && botocoreMissing !== undefined) {
      t.skip(`botocore not installed: ${botocoreMissing}`);
      return;
    }
    emu.resetCalls();
    const ours = await oursUnder(ZONE[c.when], c.profile);
    if (c.when === "fresh") {
      assert.equal(ours.error, undefined, `${c.profile}: ${ours.error?.message}`);
      assert.equal(emu.calls.CreateToken, 0, "no refresh");
      assert.equal(emu.calls.GetRoleCredentials, 1);
    } else if (c.kind === "session") {
      assert.equal(ours.error, undefined, `${c.profile}: ${ours.error?.message}`);
      assert.equal(emu.calls.CreateToken, 1, "one refresh");
      const refreshed = JSON.parse(await readFile(tokenCacheFilePath(fixture.cacheDir, c.key), "utf8")) as Record<string, unknown>;
      assert.equal(refreshed.refreshToken, emu.latestRefreshToken);
    } else {
      assert.equal(ours.error?.name, "SsoTokenExpiredError", `${c.profile}: ${ours.error?.name}: ${ours.error?.message}`);
      assert.equal(emu.calls.GetRoleCredentials, 0, "no call with an expired token");
    }
  });
}

test("botocore's loader reads the JS SDK's format with its zone, and the JS SDK cannot read botocore's ...UTC", async (t) => {
  const botocore = findBotocore();
  if ("missing" in botocore) {
    t.skip(`botocore not installed: ${botocore.missing}`);
    return;
  }
  const js = cases.find((c) => c.format === "js-sdk" && c.kind === "session" && c.when === "fresh") as Case;
  const loaded = await runPeer(
    "botocore",
    "load-token",
    { cacheDir: fixture.cacheDir, startUrl: js.startUrl, sessionName: js.key },
    env,
    botocore.python,
  );
  assert.equal(loaded.ok, true, `${loaded.error?.message}`);
  assert.equal(loaded.expiresAtHasZone, true);
  assert.equal(Date.parse(loaded.expiresAtParsed as string), Date.parse(writtenBy.get(js.profile) ?? ""));

  // Recorded, not asserted: what the JS SDK makes of a session token in the ...UTC format.
  const utcSession = cases.find((c) => c.format === "botocore-utc" && c.kind === "session" && c.when === "fresh") as Case;
  emu.resetCalls();
  const jsOnUtc = await runPeer("js-sdk", "credentials", { profile: utcSession.profile }, env);
  t.diagnostic(
    `JS SDK on a session token valid ${FRESH_SECONDS} s written as ${JSON.stringify(writtenBy.get(utcSession.profile))}: ` +
      `${jsOnUtc.ok ? "ok" : `failed (${jsOnUtc.error?.message})`}, CreateToken calls ${emu.calls.CreateToken} ` +
      "(new Date() cannot parse ...UTC, so the token looks due for a refresh)",
  );
});
