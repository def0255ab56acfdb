import { CredentialsProviderError } from "@smithy/core/config";
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  ChainRootNotSsoError,
  ClientRegistrationExpiredError,
  CredentialSourceNotSupportedError,
  HomeDirectoryNotFoundError,
  ConfigFileParseError,
  ConflictingSsoConfigError,
  InvalidSsoConfigError,
  MissingSsoFieldError,
  NotSsoProfileError,
  ProfileNotFoundError,
  RoleCredentialsFailedError,
  RoleCredentialsUnauthorizedError,
  SsoConfigError,
  SsoCredentialsError,
  SsoLoginRequiredError,
  SsoServiceError,
  SsoSessionNotFoundError,
  SsoTokenCacheError,
  SsoTokenCacheFileError,
  SsoTokenCacheLockTimeoutError,
  SsoTokenCacheLockPathError,
  InvalidOptionError,
  SsoTokenCacheWriteError,
  SsoTokenExpiredError,
  SsoTokenNotFoundError,
  TokenRefreshFailedError,
  TokenRefreshRejectedError,
} from "../src/index.js";

const CONFIG = "/home/me/.aws/config";
const CACHE = "/home/me/.aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json";
const SESSION = { profile: "dev", ssoSession: "my-sso" };
const LEGACY = { profile: "old" };
const AT = new Date("2026-11-24T16:00:00Z");

// Each message, pinned: it is what a user reads, so a change to it is a deliberate change.
const cases: [Error, typeof SsoCredentialsError, string][] = [
  [new ConfigFileParseError({ path: CONFIG, line: 7, problem: "a property must be inside a section" }), SsoConfigError,
    `${CONFIG}, line 7: a property must be inside a section. Fix that line of the file.`],
  [new ProfileNotFoundError({ profile: "prod", path: CONFIG, ssoProfiles: ["dev", "test"] }), SsoConfigError,
    `Profile "prod" was not found in ${CONFIG}. SSO profiles in that file: dev, test. Pass an existing profile (the \`profile\` option or AWS_PROFILE), or create it with: aws configure sso --profile prod`],
  [new ProfileNotFoundError({ profile: "dev", path: CONFIG, ssoProfiles: [], configFileExists: false }), SsoConfigError,
    `The config file ${CONFIG} does not exist, so there is no profile "dev". Profiles are read from that file; nothing here creates it. ` +
      "Create it with the AWS CLI v2 (aws configure sso), or write these three lines to it, with your IAM Identity Center start URL and region, " +
      "then log in and add a profile for each account and role you may use:\n" +
      "  [sso-session my-sso]\n  sso_start_url = https://my-sso-portal.awsapps.com/start\n  sso_region = us-east-1\n" +
      `  aws-sso-creds login --sso-session my-sso && aws-sso-creds list --sso-session my-sso --config >> ${CONFIG}\n` +
      "If your config file is elsewhere, set the `configFilepath` option to its path."],
  [new ProfileNotFoundError({ profile: "dev", path: CONFIG, ssoProfiles: [], unprefixedSection: true }), SsoConfigError,
    `Profile "dev" was not found: [dev] in ${CONFIG} is not read as a profile, because the config file's profile sections are [profile dev] (only [default] goes without "profile "). Rename that section to [profile dev].`],
  [new NotSsoProfileError({ profile: "plain", path: CONFIG }), SsoConfigError,
    `Profile "plain" in ${CONFIG} is not an SSO profile: it sets neither sso_session nor sso_start_url. Configure it with: aws configure sso --profile plain`],
  [new NotSsoProfileError({ profile: "plain", path: CONFIG, ssoProfiles: ["dev"] }), SsoConfigError,
    `Profile "plain" in ${CONFIG} is not an SSO profile: it sets neither sso_session nor sso_start_url. Pass an SSO profile instead (SSO profiles in that file: dev), or make this one an SSO profile with: aws configure sso --profile plain`],
  [new NotSsoProfileError({ profile: "dev-process", path: CONFIG, ssoProfiles: ["dev"], ownCredentialProcess: { command: "aws-sso-creds credential-process --profile dev", profile: "dev" } }), SsoConfigError,
    `Profile "dev-process" in ${CONFIG} runs aws-sso-creds itself (credential_process = aws-sso-creds credential-process --profile dev): it is the profile for the AWS CLI and the SDKs, not an SSO profile aws-sso-creds can read. Pass \`profile: "dev"\` instead, the SSO profile it uses.`],
  [new NotSsoProfileError({ profile: "loop", path: CONFIG, ssoProfiles: ["dev"], ownCredentialProcess: { command: "aws-sso-creds credential-process --profile loop", profile: "loop" } }), SsoConfigError,
    `Profile "loop" in ${CONFIG} runs aws-sso-creds itself (credential_process = aws-sso-creds credential-process --profile loop) and names this same profile: it would run that command again, without end. Its credential_process must name the SSO profile the credentials come from (SSO profiles in that file: dev): credential_process = aws-sso-creds credential-process --profile <SSO profile>`],
  [new NotSsoProfileError({ profile: "bare", path: CONFIG, ownCredentialProcess: { command: "aws-sso-creds credential-process", profile: undefined } }), SsoConfigError,
    `Profile "bare" in ${CONFIG} runs aws-sso-creds itself (credential_process = aws-sso-creds credential-process) without --profile, so that command reads AWS_PROFILE, else "default", and can come back to this very profile. Its credential_process must name the SSO profile the credentials come from: credential_process = aws-sso-creds credential-process --profile <SSO profile>`],
  [new ChainRootNotSsoError({ profile: "admin", root: "keys", reason: "has static keys (aws_access_key_id)", path: CONFIG }), SsoConfigError,
    `Profile "admin" in ${CONFIG} assumes a role with credentials from profile "keys", which has static keys (aws_access_key_id): it is not an SSO profile, and only chains that start at an SSO profile are handled here. Use fromIni({ profile: "admin" }) of @aws-sdk/credential-providers for this profile, or point the chain at an SSO profile.`],
  [new ChainRootNotSsoError({ profile: "admin", root: "dev-process", reason: "uses credential_process", path: CONFIG, ownCredentialProcess: { command: "aws-sso-creds credential-process --profile dev", profile: "dev" } }), SsoConfigError,
    `Profile "admin" in ${CONFIG} assumes a role with credentials from profile "dev-process", which uses credential_process: it is not an SSO profile, and only chains that start at an SSO profile are handled here. "dev-process" runs aws-sso-creds itself (credential_process = aws-sso-creds credential-process --profile dev): point the chain at the SSO profile that command reads, "dev" (source_profile = dev).`],
  [new CredentialSourceNotSupportedError({ profile: "ec2", field: "credential_source", value: "Ec2InstanceMetadata", path: CONFIG }), SsoConfigError,
    `Profile "ec2" in ${CONFIG} takes its credentials from credential_source = Ec2InstanceMetadata, not from an SSO profile, and only role chains that start at an SSO profile are handled here. Use fromIni({ profile: "ec2" }) of @aws-sdk/credential-providers for it, or replace credential_source with "source_profile = <an SSO profile>".`],
  [new HomeDirectoryNotFoundError({ cause: new Error("uv_os_homedir returned ENOENT") }), SsoConfigError,
    "Cannot find the home directory: HOME, USERPROFILE and HOMEPATH are not set (or are empty), and this user has no passwd entry (as in a container run with a bare numeric user id). Set HOME (any directory will do), or set the `homeDir` option."],
  [new HomeDirectoryNotFoundError({}), SsoConfigError,
    "Cannot find the home directory: HOME, USERPROFILE and HOMEPATH are not set (or are empty), and this user's passwd entry names no home directory. Set HOME (any directory will do), or set the `homeDir` option."],
  [new MissingSsoFieldError({ field: "sso_region", section: "sso-session my-sso", path: CONFIG }), SsoConfigError,
    `[sso-session my-sso] in ${CONFIG} is missing sso_region. Add "sso_region = ..." to that section, or run: aws configure sso`],
  [new ConflictingSsoConfigError({ profile: "dev", ssoSession: "my-sso", field: "sso_region", profileValue: "eu-west-1", sessionValue: "us-east-1", path: CONFIG }), SsoConfigError,
    `Profile "dev" sets sso_region = eu-west-1, but its sso-session "my-sso" sets sso_region = us-east-1 (${CONFIG}). Remove sso_region from [profile dev] or make the two values equal.`],
  [new SsoSessionNotFoundError({ profile: "dev", ssoSession: "gone", path: CONFIG }), SsoConfigError,
    `Profile "dev" uses sso_session = gone, but ${CONFIG} has no [sso-session gone] section. Add that section (sso_start_url, sso_region), or run: aws configure sso-session`],
  [new SsoTokenNotFoundError({ path: CACHE, target: SESSION }), SsoLoginRequiredError,
    `No cached SSO token at ${CACHE} for sso-session "my-sso". Run: aws-sso-creds login --sso-session my-sso, or with the AWS CLI v2: aws sso login --sso-session my-sso`],
  [new SsoTokenNotFoundError({ path: CACHE, target: LEGACY }), SsoLoginRequiredError,
    `No cached SSO token at ${CACHE} for profile "old". Run: aws-sso-creds login --profile old, or with the AWS CLI v2: aws sso login --profile old`],
  [new SsoTokenExpiredError({ path: CACHE, expiresAt: AT, reason: "legacy-profile", target: LEGACY }), SsoLoginRequiredError,
    `The SSO token in ${CACHE} expired at 2026-11-24T16:00:00.000Z and a legacy profile (sso_start_url in the profile) cannot refresh it; an [sso-session] section can. Run: aws-sso-creds login --profile old, or with the AWS CLI v2: aws sso login --profile old`],
  [new ClientRegistrationExpiredError({ path: CACHE, registrationExpiresAt: AT, target: SESSION }), SsoLoginRequiredError,
    `The client registration in ${CACHE} expired at 2026-11-24T16:00:00.000Z, so the SSO token cannot be refreshed. Run: aws-sso-creds login --sso-session my-sso, or with the AWS CLI v2: aws sso login --sso-session my-sso`],
  [new TokenRefreshRejectedError({ serviceCode: "InvalidGrantException", path: CACHE, target: SESSION }), SsoLoginRequiredError,
    `SSO OIDC rejected the token refresh for ${CACHE} with InvalidGrantException: the SSO session has ended or was revoked. Log in again: aws-sso-creds login --sso-session my-sso, or with the AWS CLI v2: aws sso login --sso-session my-sso`],
  [new RoleCredentialsUnauthorizedError({ accountId: "111122223333", roleName: "ReadOnly", serviceCode: "UnauthorizedException", target: SESSION }), SsoLoginRequiredError,
    "IAM Identity Center refused the cached SSO token (UnauthorizedException) when asked for role ReadOnly in account 111122223333: the session has ended or was revoked. Run: aws-sso-creds login --sso-session my-sso, or with the AWS CLI v2: aws sso login --sso-session my-sso"],
  [new SsoTokenCacheFileError({ path: CACHE, problem: "is not valid JSON", target: SESSION }), SsoTokenCacheError,
    `The SSO token cache file ${CACHE} is not valid JSON. It was left as it is. Move it away or delete it, then run: aws-sso-creds login --sso-session my-sso, or with the AWS CLI v2: aws sso login --sso-session my-sso`],
  [new SsoTokenCacheLockTimeoutError({ path: `${CACHE}.lock`, waitedMs: 30_000 }), SsoTokenCacheError,
    `Timed out after 30000 ms waiting for the SSO token cache lock ${CACHE}.lock, held by another process refreshing the same token. Try again; if no other process is running, remove ${CACHE}.lock (a lock left by a killed process is taken over once it is stale).`],
  [new SsoTokenCacheLockTimeoutError({ path: `${CACHE}.lock`, waitedMs: 30_000, owner: { pid: 4321, hostname: "build-7", acquiredAt: Date.parse("2026-11-24T16:00:00Z") } }), SsoTokenCacheError,
    `Timed out after 30000 ms waiting for the SSO token cache lock ${CACHE}.lock, held by pid 4321 on host build-7 since 2026-11-24T16:00:00Z, refreshing the same token. Try again; if that process is stuck, end it (kill 4321, on build-7). A lock whose process has died is taken over at once on the same host, and once it is stale from other hosts.`],
  [new SsoTokenCacheLockPathError({ path: `${CACHE}.lock`, found: "a regular file" }), SsoTokenCacheError,
    `Something other than a lock directory is at the SSO token cache lock path ${CACHE}.lock: a regular file. No process can take the lock while it is there: remove it (rm -r ${CACHE}.lock) and try again.`],
  [new InvalidOptionError({ option: "requestTimeoutMs", value: Number.NaN, expected: "a number of milliseconds from 100 to 600000", defaultValue: 15000 }), SsoConfigError,
    "The `requestTimeoutMs` option is NaN; it must be a number of milliseconds from 100 to 600000. Pass such a value, or leave the option out for the default (15000)."],
  [new SsoTokenCacheWriteError({ path: CACHE, cause: Object.assign(new Error("denied"), { code: "EACCES" }) }), SsoTokenCacheError,
    `Could not write the SSO token cache file ${CACHE} (EACCES). Check that its directory exists, belongs to you and is writable (chmod 700), or set the \`cacheDir\` option.`],
];

test("every error has its pinned message, its family, and is a CredentialsProviderError", () => {
  for (const [error, family, message] of cases) {
    assert.equal(error.message, message, error.name);
    assert.ok(error instanceof family, `${error.name} is a ${family.name}`);
    assert.ok(error instanceof SsoCredentialsError);
    assert.ok(error instanceof CredentialsProviderError, `${error.name} is a CredentialsProviderError`);
    assert.equal(error.name, error.constructor.name);
    assert.ok(String(error.stack).startsWith(`${error.name}: `));
  }
});

test("service errors carry the service's code and status; the cause is kept", () => {
  const cause = new Error("boom");
  const failed = new TokenRefreshFailedError({
    path: CACHE,
    problem: "InternalServerException, HTTP 500: boom",
    serviceCode: "InternalServerException",
    httpStatusCode: 500,
    requestId: "req-1",
    cause,
  });
  assert.ok(failed instanceof SsoServiceError);
  assert.equal(failed.serviceCode, "InternalServerException");
  assert.equal(failed.httpStatusCode, 500);
  assert.equal(failed.requestId, "req-1");
  assert.equal(failed.cause, cause);
  const rejected = new TokenRefreshRejectedError({ serviceCode: "InvalidGrantException", path: CACHE, target: SESSION, httpStatusCode: 400, requestId: "req-2" });
  assert.equal(rejected.httpStatusCode, 400, "kept on login errors the service answered, too");
  assert.equal(rejected.requestId, "req-2");
  const refused = new RoleCredentialsUnauthorizedError({ accountId: "1", roleName: "R", serviceCode: "UnauthorizedException", target: SESSION, httpStatusCode: 401 });
  assert.equal(refused.httpStatusCode, 401);
  const role = new RoleCredentialsFailedError({ accountId: "111122223333", roleName: "ReadOnly", problem: "throttled", serviceCode: "TooManyRequestsException", httpStatusCode: 429 });
  assert.ok(role instanceof SsoServiceError);
  assert.equal(role.message, "Could not get credentials for role ReadOnly in account 111122223333: throttled");
  const invalid = new InvalidSsoConfigError({ field: "sso_region", source: "[profile dev]", problem: 'is "US EAST"', fix: "Fix it." });
  assert.equal(invalid.message, 'sso_region in [profile dev] is "US EAST". Fix it.');
});

test("only the errors that mean 'no SSO profile here' let an SDK chain try its next provider", () => {
  for (const [error] of cases) {
    // (So do a missing home directory and a chain that starts elsewhere: there is no SSO profile to read.)
    const expected =
      error instanceof ProfileNotFoundError ||
      error instanceof NotSsoProfileError ||
      error instanceof HomeDirectoryNotFoundError ||
      error instanceof ChainRootNotSsoError ||
      error instanceof CredentialSourceNotSupportedError;
    assert.equal((error as SsoCredentialsError).tryNextLink, expected, error.name);
  }
});

test("a timeout names the setting that bounds it in the caller's words", async () => {
  const { timeoutFailure } = await import("../src/errors/serviceFailure.js");
  const { cliWords } = await import("../src/cli/cliWords.js");
  assert.equal(timeoutFailure(new Error("aborted"), 15000).summary, "TimeoutError: no usable answer within 15000 ms (the `requestTimeoutMs` option)");
  assert.equal(timeoutFailure(new Error("aborted"), 15000, cliWords).summary, "TimeoutError: no usable answer within 15000 ms (the CLI's limit for one call)");
});
