import type { STSClientConfig } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity, Logger } from "@smithy/types";

import type { Clock } from "../clock/Clock.js";
import type { CallerWords } from "../errors/CallerWords.js";
import { timeoutSignal } from "../clock/timeoutSignal.js";
import type { AssumeRoleHop } from "../config/ProfileChain.js";
import { AssumeRoleFailedError } from "../errors/AssumeRoleFailedError.js";
import { MfaCodeRequiredError } from "../errors/MfaCodeRequiredError.js";
import { SsoCredentialsError } from "../errors/SsoCredentialsError.js";
import { serviceFailure, timeoutFailure, type ServiceFailure } from "../errors/serviceFailure.js";
import { assumeRoleCacheText, type AssumeRoleResponseRecord } from "./RoleCacheEntry.js";
import type { AssumeRoleParams, MfaCodeProvider, RoleAssumer } from "./RoleAssumer.js";
import type { FetchedRoleCredentials } from "./RoleCredentialCache.js";
import type { SsoRoleCredentials } from "./SsoRoleCredentials.js";

/** The JS SDK's chain default (`fromIni`), also STS's own. */
const DEFAULT_DURATION_SECONDS = 3600;

export interface AssumeRoleRequest {
  hop: AssumeRoleHop;
  /** The credentials of the hop's source profile. */
  source: SsoRoleCredentials;
  /** The profile those credentials belong to, for the advice. */
  sourceProfile: string | undefined;
  /** The STS region. */
  region: string;
  mfaCodeProvider: MfaCodeProvider | undefined;
  roleAssumer: RoleAssumer | undefined;
  /** Config for the STS client made here (endpoint, requestHandler, maxAttempts...). */
  clientConfig: Partial<STSClientConfig> | undefined;
  /** The SDK client's logger (already redacting). */
  clientLogger: Logger | undefined;
  timeoutMs: number;
  clock: Clock;
  /** How a timeout names the setting that bounds it. */
  words?: CallerWords | undefined;
}

/** The AssumeRole input of a hop, as the SDK's `fromIni` makes it (session name and duration defaults included). */
export async function assumeRoleParams(hop: AssumeRoleHop, mfaCodeProvider: MfaCodeProvider | undefined, clock: Clock): Promise<AssumeRoleParams> {
  const params: AssumeRoleParams = {
    RoleArn: hop.roleArn,
    RoleSessionName: hop.roleSessionName ?? `aws-sdk-js-${clock.now()}`,
    DurationSeconds: hop.durationSeconds ?? DEFAULT_DURATION_SECONDS,
  };
  if (hop.externalId !== undefined) params.ExternalId = hop.externalId;
  if (hop.mfaSerial !== undefined) {
    if (mfaCodeProvider === undefined) throw new MfaCodeRequiredError({ profile: hop.profileName, mfaSerial: hop.mfaSerial });
    let code: unknown;
    try {
      code = await mfaCodeProvider(hop.mfaSerial);
    } catch (error) {
      if (error instanceof SsoCredentialsError) throw error;
      throw new MfaCodeRequiredError({ profile: hop.profileName, mfaSerial: hop.mfaSerial, fix: "The mfaCodeProvider failed; see the cause.", cause: error });
    }
    if (typeof code !== "string" || code.trim() === "") {
      throw new MfaCodeRequiredError({ profile: hop.profileName, mfaSerial: hop.mfaSerial, fix: "The mfaCodeProvider gave no code: it must resolve with the device's current code, a string." });
    }
    params.SerialNumber = hop.mfaSerial;
    params.TokenCode = code.trim();
  }
  return params;
}

/**
 * STS AssumeRole for one profile of a chain, with its source profile's credentials: through the
 * `roleAssumer` option when given, else an STS client of `@aws-sdk/client-sts` (loaded here, on
 * first use) in the hop's region. Every failure is an {@link AssumeRoleFailedError} naming the
 * profile and the role, or an {@link MfaCodeRequiredError}.
 */
export async function assumeRole(request: AssumeRoleRequest): Promise<FetchedRoleCredentials> {
  const { hop, clock } = request;
  const params = await assumeRoleParams(hop, request.mfaCodeProvider, clock);
  const source: AwsCredentialIdentity = {
    accessKeyId: request.source.accessKeyId,
    secretAccessKey: request.source.secretAccessKey,
    sessionToken: request.source.sessionToken,
    expiration: request.source.expiration,
  };
  const record = request.roleAssumer === undefined ? await callSts(request, params, source) : await callRoleAssumer(request, params, source);
  return { credentials: record.credentials, cacheText: assumeRoleCacheText(record) };
}

async function callRoleAssumer(request: AssumeRoleRequest, params: AssumeRoleParams, source: AwsCredentialIdentity): Promise<AssumeRoleResponseRecord> {
  const { hop } = request;
  let result: AwsCredentialIdentity;
  try {
    result = await (request.roleAssumer as RoleAssumer)(source, params);
  } catch (error) {
    // The caller's code had the source credentials: whatever it threw must not carry them on.
    throw failed(request, serviceFailure(withoutValues(error, [source.secretAccessKey, source.sessionToken ?? ""])));
  }
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = result ?? {};
  if (!accessKeyId || !secretAccessKey || !sessionToken || !(expiration instanceof Date) || Number.isNaN(expiration.getTime())) {
    throw malformed(request, "the roleAssumer resolved with credentials that lack a sessionToken or an expiration");
  }
  return {
    credentials: { accessKeyId, secretAccessKey, sessionToken, expiration, accountId: result.accountId ?? accountOf(hop.roleArn) ?? "" },
    assumedRoleUser: undefined,
    packedPolicySize: undefined,
    sourceIdentity: undefined,
    requestId: undefined,
    httpStatusCode: undefined,
    retryAttempts: undefined,
  };
}

async function callSts(request: AssumeRoleRequest, params: AssumeRoleParams, source: AwsCredentialIdentity): Promise<AssumeRoleResponseRecord> {
  const { STSClient, AssumeRoleCommand } = await import("@aws-sdk/client-sts");
  const client = new STSClient({ ...request.clientConfig, logger: request.clientLogger, region: request.region, credentials: source });
  const deadline = timeoutSignal(request.clock, request.timeoutMs);
  let output;
  try {
    output = await client.send(new AssumeRoleCommand(params), { abortSignal: deadline.signal });
  } catch (error) {
    throw failed(request, deadline.signal.aborted ? timeoutFailure(error, request.timeoutMs, request.words) : serviceFailure(error));
  } finally {
    deadline.dispose();
    client.destroy();
  }
  const credentials = output.Credentials;
  const { AccessKeyId, SecretAccessKey, SessionToken, Expiration } = credentials ?? {};
  if (!AccessKeyId || !SecretAccessKey || !SessionToken || !(Expiration instanceof Date) || Number.isNaN(Expiration.getTime())) {
    throw malformed(request, "the AssumeRole response was missing fields (MalformedResponse). Try again shortly", output.$metadata);
  }
  const user = output.AssumedRoleUser;
  const scope = (credentials as { CredentialScope?: unknown }).CredentialScope;
  return {
    credentials: {
      accessKeyId: AccessKeyId,
      secretAccessKey: SecretAccessKey,
      sessionToken: SessionToken,
      expiration: Expiration,
      accountId: accountOf(user?.Arn) ?? accountOf(request.hop.roleArn) ?? "",
      ...(typeof scope === "string" && scope !== "" ? { credentialScope: scope } : {}),
    },
    assumedRoleUser: user?.AssumedRoleId !== undefined && user.Arn !== undefined ? { AssumedRoleId: user.AssumedRoleId, Arn: user.Arn } : undefined,
    packedPolicySize: output.PackedPolicySize,
    sourceIdentity: output.SourceIdentity,
    requestId: output.$metadata.requestId,
    httpStatusCode: output.$metadata.httpStatusCode,
    retryAttempts: Math.max(0, (output.$metadata.attempts ?? 1) - 1),
  };
}

/**
 * The error, or, when its message or stack holds one of `values`, a copy of it (same class, name and
 * code) with those values replaced by "[redacted]".
 */
function withoutValues(error: unknown, values: readonly string[]): unknown {
  if (!(error instanceof Error)) return error;
  const secrets = values.filter((value) => value.length >= 8);
  const redact = (text: string): string => secrets.reduce((out, secret) => out.split(secret).join("[redacted]"), text);
  if (!secrets.some((secret) => error.message.includes(secret) || (error.stack ?? "").includes(secret))) return error;
  const copy = Object.create(Object.getPrototypeOf(error) as object) as Error;
  Object.defineProperties(copy, {
    name: { value: error.name, writable: true, configurable: true },
    message: { value: redact(error.message), writable: true, configurable: true },
    stack: { value: redact(error.stack ?? ""), writable: true, configurable: true },
  });
  const code = (error as { code?: unknown }).code;
  if (code !== undefined) Object.defineProperty(copy, "code", { value: code, writable: true, configurable: true, enumerable: true });
  return copy;
}

/** The account of an ARN (`arn:aws:sts::111122223333:assumed-role/...`), if it is one. */
function accountOf(arn: string | undefined): string | undefined {
  const account = arn?.startsWith("arn:") ? arn.split(":")[4] : undefined;
  return account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
}

function failed(request: AssumeRoleRequest, failure: ServiceFailure): AssumeRoleFailedError {
  return new AssumeRoleFailedError({
    profile: request.hop.profileName,
    roleArn: request.hop.roleArn,
    problem: advice(failure, request),
    serviceCode: failure.code,
    httpStatusCode: failure.httpStatusCode,
    requestId: failure.requestId,
    cause: failure.cause,
  });
}

function malformed(request: AssumeRoleRequest, problem: string, metadata?: { httpStatusCode?: number; requestId?: string }): AssumeRoleFailedError {
  return new AssumeRoleFailedError({
    profile: request.hop.profileName,
    roleArn: request.hop.roleArn,
    problem,
    serviceCode: "MalformedResponse",
    httpStatusCode: metadata?.httpStatusCode,
    requestId: metadata?.requestId,
  });
}

function advice(failure: ServiceFailure, request: AssumeRoleRequest): string {
  const { hop } = request;
  const from = request.sourceProfile === undefined ? "its source profile" : `profile "${request.sourceProfile}"`;
  switch (failure.code) {
    case "AccessDenied":
      return (
        `${failure.summary}. Check role_arn, external_id and mfa_serial in ${hop.source}, ` +
        `and that the role's trust policy allows the credentials of ${from}`
      );
    case "RegionDisabledException":
      return `${failure.summary}. STS is not activated in ${request.region}: set "region" in ${hop.source} to a region where it is`;
    case "ValidationError":
      return `${failure.summary}. Check role_arn, role_session_name, duration_seconds and external_id in ${hop.source}`;
    case "ExpiredToken":
    case "ExpiredTokenException":
    case "InvalidClientTokenId":
      return `${failure.summary}. STS refused the credentials of ${from}; try again (they are fetched anew when they expire)`;
    case "TimeoutError":
      return `${failure.summary}. Check the network, or AWS_ENDPOINT_URL_STS if set`;
    default:
      return `${failure.summary}. Try again shortly`;
  }
}
