// Every way SSO OIDC CreateToken and SSO GetRoleCredentials can fail gives its documented result:
// - the token has expired: a typed error that carries the service's code (or the network's), and
//   names the cache file;
// - the token is still valid (inside the refresh window): that token is used, with one warning
//   through the logger that carries the code;
// and the cache file is never written (byte for byte as before, no temp file left).
import assert from "node:assert/strict";
import { test } from "node:test";

import type {
  SsoServiceError} from "../../src/index.js";
import {
  ClientRegistrationExpiredError,
  RoleCredentialsFailedError,
  RoleCredentialsUnauthorizedError,
  SsoCredentialsError,
  TokenRefreshFailedError,
  TokenRefreshRejectedError,
} from "../../src/index.js";
import type { IdentityCenterEmulator } from "../emulator/index.js";
import { ACCOUNT_ID, ROLE_NAME } from "../helpers/ssoFixture.js";
import { cacheFileName, providerWorld, type ProviderWorld } from "../helpers/providerWorld.js";

/** One of our error classes, whatever its constructor takes. */
type ErrorClass = abstract new (...args: never[]) => SsoCredentialsError;

const REQUEST_TIMEOUT_MS = 1_000;

interface CreateTokenFault {
  name: string;
  inject(emu: IdentityCenterEmulator): void;
  errorClass: ErrorClass;
  serviceCode: string;
  httpStatusCode?: number;
  /** CreateToken calls made, SDK retries included. */
  calls: number;
  message?: RegExp;
  /** Set for the hangs; the others keep the default (15 s), which leaves room for the SDK's retries and backoff. */
  requestTimeoutMs?: number;
}

const CREATE_TOKEN_FAULTS: CreateTokenFault[] = [
  { name: "500 (the SDK retries)", inject: (emu) => emu.failNext("CreateToken", 3, 500), errorClass: TokenRefreshFailedError, serviceCode: "InternalServerException", httpStatusCode: 500, calls: 3 },
  { name: "503 (the SDK retries)", inject: (emu) => emu.failNext("CreateToken", 3, 503), errorClass: TokenRefreshFailedError, serviceCode: "ServiceUnavailableException", httpStatusCode: 503, calls: 3 },
  { name: "500 then success (the SDK's retry succeeds)", inject: (emu) => emu.failNext("CreateToken", 1, 500), errorClass: SsoCredentialsError, serviceCode: "", calls: 2 },
  {
    name: "a hung endpoint (bounded by requestTimeoutMs)",
    inject: (emu) => emu.malformNext("CreateToken", 5, "hang"),
    errorClass: TokenRefreshFailedError,
    serviceCode: "TimeoutError",
    calls: 1,
    message: new RegExp(`TimeoutError: no usable answer within ${REQUEST_TIMEOUT_MS} ms \\(the \`requestTimeoutMs\` option\\)`),
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
  },
  { name: "a malformed JSON body", inject: (emu) => emu.malformNext("CreateToken", 1, "invalid-json"), errorClass: TokenRefreshFailedError, serviceCode: "MalformedResponse", httpStatusCode: 200, calls: 1, message: /not valid JSON/ },
  { name: "an empty body", inject: (emu) => emu.malformNext("CreateToken", 1, "empty"), errorClass: TokenRefreshFailedError, serviceCode: "MalformedResponse", httpStatusCode: 200, calls: 1 },
  { name: "missing response fields", inject: (emu) => emu.malformNext("CreateToken", 1, "missing-fields"), errorClass: TokenRefreshFailedError, serviceCode: "MalformedResponse", httpStatusCode: 200, calls: 1, message: /had no accessToken/ },
  { name: "invalid_grant", inject: (emu) => emu.failNext("CreateToken", 1, { status: 400, errorType: "InvalidGrantException" }), errorClass: TokenRefreshRejectedError, serviceCode: "InvalidGrantException", calls: 1, message: /aws-sso-creds login --sso-session my-sso, or with the AWS CLI v2: aws sso login --sso-session my-sso$/ },
  { name: "invalid_client", inject: (emu) => emu.failNext("CreateToken", 1, { status: 401, errorType: "InvalidClientException" }), errorClass: TokenRefreshRejectedError, serviceCode: "InvalidClientException", calls: 1, message: /client registration is no longer valid/ },
  {
    name: "a registration the service says has expired",
    inject: (emu) => emu.failNext("CreateToken", 1, { status: 401, errorType: "InvalidClientException", description: "Client registration has expired" }),
    errorClass: TokenRefreshRejectedError,
    serviceCode: "InvalidClientException",
    calls: 1,
  },
  { name: "slow_down", inject: (emu) => emu.failNext("CreateToken", 1, { status: 400, errorType: "SlowDownException" }), errorClass: TokenRefreshFailedError, serviceCode: "SlowDownException", httpStatusCode: 400, calls: 1 },
  { name: "expired_token", inject: (emu) => emu.failNext("CreateToken", 1, { status: 400, errorType: "ExpiredTokenException" }), errorClass: TokenRefreshRejectedError, serviceCode: "ExpiredTokenException", calls: 1 },
  { name: "429 (the SDK retries)", inject: (emu) => emu.failNext("CreateToken", 3, 429), errorClass: TokenRefreshFailedError, serviceCode: "TooManyRequestsException", httpStatusCode: 429, calls: 3 },
];

/**
 * The cache file, and beside it, after a refusal, the note that the refresh token is dead (so that
 * no other process sends it again): a dot-file no other tool reads.
 */
function expectedEntries(w: ProviderWorld, fault: CreateTokenFault): string[] {
  const entries = [cacheFileName(w)];
  if (fault.errorClass === TokenRefreshRejectedError) entries.push(`.${cacheFileName(w)}.refresh-rejected`);
  return entries.sort();
}

const options = (fault: { requestTimeoutMs?: number }) => ({ requestTimeoutMs: fault.requestTimeoutMs, lock: { peerRefreshWaitMs: 100 } });

for (const fault of CREATE_TOKEN_FAULTS) {
  const recovers = fault.serviceCode === "";

  test(`CreateToken, ${fault.name}, token expired: ${recovers ? "refreshed" : `${fault.errorClass.name} with ${fault.serviceCode}`}; cache untouched`, async (t) => {
    const w = await providerWorld({ session: { accessTokenExpired: true } });
    try {
      const before = await w.cacheText();
      fault.inject(w.emu);
      const started = performance.now();
      const outcome = await w.provider(options(fault))().then(
        (credentials) => ({ credentials, error: undefined }),
        (error: unknown) => ({ credentials: undefined, error }),
      );
      t.diagnostic(`settled after ${Math.round(performance.now() - started)} ms, ${w.emu.calls.CreateToken} CreateToken call(s)`);
      assert.equal(w.emu.calls.CreateToken, fault.calls);
      if (recovers) {
        assert.ok(outcome.credentials?.accessKeyId);
        assert.notEqual(await w.cacheText(), before);
        return;
      }
      const error = outcome.error;
      assert.ok(!(error instanceof TypeError), `not a TypeError: ${String(error)}`);
      assert.ok(error instanceof fault.errorClass, `${fault.errorClass.name} expected, got ${String(error)}`);
      assert.equal((error as { serviceCode?: string }).serviceCode, fault.serviceCode);
      if (fault.httpStatusCode !== undefined) assert.equal((error as SsoServiceError).httpStatusCode, fault.httpStatusCode);
      assert.ok(error.message.includes(w.path), "the message names the cache file");
      if (fault.message) assert.match(error.message, fault.message);
      assert.equal(await w.cacheText(), before, "the cache file is exactly as it was");
      assert.deepEqual((await w.cacheDirEntries()).sort(), expectedEntries(w, fault), "no temp file left");
      assert.equal(w.emu.calls.GetRoleCredentials, 0);
    } finally {
      await w.close();
    }
  });

  if (recovers) continue;
  test(`CreateToken, ${fault.name}, token still valid: the cached token is used, with a warning carrying ${fault.serviceCode}`, async () => {
    const w = await providerWorld({ session: { accessTokenTtlSeconds: 120 } });
    try {
      const before = await w.cacheText();
      fault.inject(w.emu);
      const credentials = await w.provider({ ...options(fault), refreshWindowSeconds: 300 })();
      assert.ok(credentials.accessKeyId);
      assert.equal(w.emu.calls.GetRoleCredentials, 1);
      // A refresh that takes longer than 2 s (the SDK's retries back off) ends behind the call: wait for it.
      const warned = () => w.logger.lines.some((line) => line.level === "warn");
      for (let i = 0; i < 3000 && !warned(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.equal(w.emu.calls.CreateToken, fault.calls);
      const warnings = w.logger.lines.filter((line) => line.level === "warn");
      assert.equal(warnings.length, 1, "one warning");
      assert.match(warnings[0]?.message ?? "", /could not refresh the SSO token/);
      assert.ok(warnings[0]?.message.includes(fault.serviceCode), `the warning carries ${fault.serviceCode}: ${warnings[0]?.message}`);
      assert.equal(await w.cacheText(), before, "the cache file is exactly as it was");
      assert.deepEqual((await w.cacheDirEntries()).sort(), expectedEntries(w, fault));
    } finally {
      await w.close();
    }
  });
}

test("an expired registration in the cache: ClientRegistrationExpiredError with no CreateToken; a still-valid token is used", async () => {
  const cache = { registrationExpiresAt: "2020-01-01T00:00:00Z" };
  const expired = await providerWorld({ session: { accessTokenExpired: true }, cache });
  try {
    const before = await expired.cacheText();
    await assert.rejects(expired.provider(options({}))(), ClientRegistrationExpiredError);
    assert.equal(expired.emu.calls.CreateToken, 0);
    assert.equal(await expired.cacheText(), before);
  } finally {
    await expired.close();
  }
  const valid = await providerWorld({ session: { accessTokenTtlSeconds: 120 }, cache });
  try {
    assert.ok((await valid.provider({ ...options({}), refreshWindowSeconds: 300 })()).accessKeyId);
    assert.equal(valid.emu.calls.CreateToken, 0);
  } finally {
    await valid.close();
  }
});

interface RoleFault {
  name: string;
  inject(emu: IdentityCenterEmulator): void;
  errorClass: ErrorClass;
  serviceCode: string;
  calls: number;
  message?: RegExp;
  requestTimeoutMs?: number;
  /** CreateToken calls it leads to (a 401 refreshes the token once). */
  refreshes?: number;
}

const ROLE_FAULTS: RoleFault[] = [
  // Refused before and after the one refresh it triggers.
  { name: "401, twice", inject: (emu) => emu.failNext("GetRoleCredentials", 2, 401), errorClass: RoleCredentialsUnauthorizedError, serviceCode: "UnauthorizedException", calls: 2, message: /aws-sso-creds login --sso-session my-sso, or with the AWS CLI v2: aws sso login --sso-session my-sso$/, refreshes: 1 },
  { name: "403", inject: (emu) => emu.failNext("GetRoleCredentials", 1, 403), errorClass: RoleCredentialsFailedError, serviceCode: "ForbiddenException", calls: 1, message: /sso_role_name/ },
  { name: "429 (the SDK retries)", inject: (emu) => emu.failNext("GetRoleCredentials", 3, 429), errorClass: RoleCredentialsFailedError, serviceCode: "TooManyRequestsException", calls: 3, message: /throttling/ },
  { name: "500 (the SDK retries)", inject: (emu) => emu.failNext("GetRoleCredentials", 3, 500), errorClass: RoleCredentialsFailedError, serviceCode: "InternalServerException", calls: 3 },
  { name: "a hung endpoint", inject: (emu) => emu.malformNext("GetRoleCredentials", 5, "hang"), errorClass: RoleCredentialsFailedError, serviceCode: "TimeoutError", calls: 1, message: /TimeoutError: no usable answer within 1000 ms \(the `requestTimeoutMs` option\)/, requestTimeoutMs: REQUEST_TIMEOUT_MS },
  { name: "a malformed JSON body", inject: (emu) => emu.malformNext("GetRoleCredentials", 1, "invalid-json"), errorClass: RoleCredentialsFailedError, serviceCode: "MalformedResponse", calls: 1 },
  { name: "missing response fields", inject: (emu) => emu.malformNext("GetRoleCredentials", 1, "missing-fields"), errorClass: RoleCredentialsFailedError, serviceCode: "MalformedResponse", calls: 1, message: /missing fields/ },
];

for (const fault of ROLE_FAULTS) {
  test(`GetRoleCredentials, ${fault.name}: ${fault.errorClass.name} with ${fault.serviceCode}, naming account and role`, async (t) => {
    const w = await providerWorld();
    try {
      const before = await w.cacheText();
      fault.inject(w.emu);
      const started = performance.now();
      await assert.rejects(w.provider(options(fault))(), (error: unknown) => {
        assert.ok(!(error instanceof TypeError), `not a TypeError: ${String(error)}`);
        assert.ok(error instanceof fault.errorClass, `${fault.errorClass.name} expected, got ${String(error)}`);
        assert.equal((error as { serviceCode?: string }).serviceCode, fault.serviceCode);
        assert.ok(error.message.includes(`role ${ROLE_NAME} in account ${ACCOUNT_ID}`));
        if (fault.message) assert.match(error.message, fault.message);
        return true;
      });
      t.diagnostic(`settled after ${Math.round(performance.now() - started)} ms`);
      assert.equal(w.emu.calls.GetRoleCredentials, fault.calls);
      assert.equal(w.emu.calls.CreateToken, fault.refreshes ?? 0);
      if (fault.refreshes === undefined) assert.equal(await w.cacheText(), before);
    } finally {
      await w.close();
    }
  });
}
