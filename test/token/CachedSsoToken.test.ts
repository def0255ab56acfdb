import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { inspect } from "node:util";

import { SsoTokenCacheFileError } from "../../src/errors/SsoTokenCacheFileError.js";
import { CachedSsoToken } from "../../src/token/CachedSsoToken.js";
import { readTokenFile } from "../../src/token/readTokenFile.js";

const PATH = "/home/me/.aws/sso/cache/abc.json";
const TARGET = { profile: "dev", ssoSession: "my-sso" };
const SECRETS = { accessToken: "AT-secret-1", refreshToken: "RT-secret-2", clientSecret: "CS-secret-3" };
const RECORD = {
  startUrl: "https://example.awsapps.com/start",
  region: "us-east-1",
  accessToken: SECRETS.accessToken,
  expiresAt: "2026-11-24T16:05:07Z",
  clientId: "client-1",
  clientSecret: SECRETS.clientSecret,
  registrationExpiresAt: "2027-02-22T16:05:07Z",
  refreshToken: SECRETS.refreshToken,
  somethingNew: { kept: true },
};

test("parses the AWS CLI format", () => {
  const token = CachedSsoToken.fromJson(RECORD, PATH, TARGET);
  assert.equal(token.accessToken, SECRETS.accessToken);
  assert.equal(token.refreshToken, SECRETS.refreshToken);
  assert.equal(token.clientId, "client-1");
  assert.equal(token.expiresAt.toISOString(), "2026-11-24T16:05:07.000Z");
  assert.equal(token.registrationExpiresAt?.toISOString(), "2027-02-22T16:05:07.000Z");
});

test("a refresh keeps every other field, and the old refresh token when none came back", () => {
  const token = CachedSsoToken.fromJson(RECORD, PATH, TARGET);
  const now = Date.UTC(2026, 10, 24, 17, 0, 0, 500);
  const rotated = JSON.parse(token.withRefresh({ accessToken: "AT-2", expiresInSeconds: 3600, refreshToken: "RT-2" }, now).serialize());
  assert.deepEqual(rotated, { ...RECORD, accessToken: "AT-2", refreshToken: "RT-2", expiresAt: "2026-11-24T18:00:00Z" });
  const kept = JSON.parse(token.withRefresh({ accessToken: "AT-3", expiresInSeconds: 60 }, now).serialize());
  assert.equal(kept.refreshToken, SECRETS.refreshToken);
  assert.deepEqual(kept.somethingNew, { kept: true });
});

test("inspect, JSON.stringify and String show no secret", () => {
  const token = CachedSsoToken.fromJson(RECORD, PATH, TARGET);
  for (const shown of [inspect(token, { depth: 10, showHidden: true }), JSON.stringify(token), String(token), `${token}`]) {
    for (const secret of Object.values(SECRETS)) assert.ok(!shown.includes(secret), shown);
  }
});

test("every malformed file is an SsoTokenCacheFileError naming the file, the problem and the login", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "cached-token-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, "abc.json");
  const cases: [string, RegExp][] = [
    ["", /is empty/],
    ["   \n", /is empty/],
    ['{"accessToken": "AT-secret-1", "expi', /is not valid JSON/],
    ["[1,2]", /does not hold a JSON object/],
    ["null", /does not hold a JSON object/],
    [JSON.stringify({ ...RECORD, accessToken: 42 }), /"accessToken"/],
    [JSON.stringify({ ...RECORD, accessToken: "" }), /"accessToken"/],
    [JSON.stringify({ ...RECORD, expiresAt: undefined }), /has no "expiresAt"/],
    [JSON.stringify({ ...RECORD, expiresAt: 1732464307 }), /"expiresAt" that is not a string/],
    [JSON.stringify({ ...RECORD, expiresAt: "soon" }), /"expiresAt" that is not a timestamp/],
    [JSON.stringify({ ...RECORD, refreshToken: 7 }), /"refreshToken" that is not a string/],
    [JSON.stringify({ ...RECORD, registrationExpiresAt: "never" }), /"registrationExpiresAt" that is not a timestamp/],
  ];
  for (const [text, problem] of cases) {
    await writeFile(path, text);
    await assert.rejects(
      readTokenFile(path, TARGET),
      (error: unknown) => {
        assert.ok(error instanceof SsoTokenCacheFileError, String(error));
        assert.match(error.message, problem);
        assert.ok(error.message.includes(path));
        assert.ok(error.message.includes("aws-sso-creds login --sso-session my-sso, or with the AWS CLI v2: aws sso login --sso-session my-sso"));
        assert.equal(error.path, path);
        const shown = inspect(error, { depth: 10 });
        for (const secret of Object.values(SECRETS)) assert.ok(!shown.includes(secret), shown);
        return true;
      },
      text,
    );
  }
});
