import type { SSOClient } from "@aws-sdk/client-sso";

import { RoleCredentialsFailedError } from "../errors/RoleCredentialsFailedError.js";
import { RoleCredentialsUnauthorizedError } from "../errors/RoleCredentialsUnauthorizedError.js";
import type { Clock } from "../clock/Clock.js";
import type { CallerWords } from "../errors/CallerWords.js";
import { timeoutSignal } from "../clock/timeoutSignal.js";
import type { LoginTarget } from "../errors/LoginTarget.js";
import { serviceFailure, timeoutFailure } from "../errors/serviceFailure.js";
import type { SsoRoleCredentials } from "./SsoRoleCredentials.js";

export interface RoleCredentialsRequest {
  accountId: string;
  roleName: string;
  accessToken: string;
  target: LoginTarget;
  /** Where the account and role were configured, for the 403/404 advice. */
  source: string;
  timeoutMs: number;
  clock: Clock;
  /** How a timeout names the setting that bounds it. */
  words?: CallerWords | undefined;
}

/** Calls SSO GetRoleCredentials and checks the answer. Every failure names the account and role. */
export async function fetchRoleCredentials(client: SSOClient, request: RoleCredentialsRequest): Promise<SsoRoleCredentials> {
  const { GetRoleCredentialsCommand } = await import("@aws-sdk/client-sso");
  const { accountId, roleName } = request;
  let output;
  const deadline = timeoutSignal(request.clock, request.timeoutMs);
  try {
    output = await client.send(new GetRoleCredentialsCommand({ accountId, roleName, accessToken: request.accessToken }), {
      abortSignal: deadline.signal,
    });
  } catch (error) {
    // Our deadline, not the SDK's: the SDK reports it as an AbortError, which names no cause.
    const failure = deadline.signal.aborted ? timeoutFailure(error, request.timeoutMs, request.words) : serviceFailure(error);
    const details = { cause: failure.cause, httpStatusCode: failure.httpStatusCode, requestId: failure.requestId };
    if (failure.code === "UnauthorizedException") {
      throw new RoleCredentialsUnauthorizedError({ accountId, roleName, serviceCode: failure.code, target: request.target, ...details });
    }
    throw new RoleCredentialsFailedError({
      accountId,
      roleName,
      problem: advice(failure.code, failure.summary, request),
      serviceCode: failure.code,
      ...details,
    });
  } finally {
    deadline.dispose();
  }
  const credentials = output.roleCredentials;
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = credentials ?? {};
  if (!accessKeyId || !secretAccessKey || !sessionToken || typeof expiration !== "number" || Number.isNaN(new Date(expiration).getTime())) {
    throw new RoleCredentialsFailedError({
      accountId,
      roleName,
      problem: "the GetRoleCredentials response was missing fields (MalformedResponse). Try again shortly",
      serviceCode: "MalformedResponse",
      httpStatusCode: output.$metadata.httpStatusCode,
      requestId: output.$metadata.requestId,
    });
  }
  const credentialScope = (credentials as { credentialScope?: unknown }).credentialScope;
  return {
    accessKeyId,
    secretAccessKey,
    sessionToken,
    expiration: new Date(expiration),
    accountId,
    ...(typeof credentialScope === "string" && credentialScope !== "" ? { credentialScope } : {}),
  };
}

function advice(code: string | undefined, summary: string, request: RoleCredentialsRequest): string {
  switch (code) {
    case "ForbiddenException":
      return `your SSO user is not assigned this role (ForbiddenException). Check sso_account_id and sso_role_name in ${request.source}, or ask your administrator for the assignment`;
    case "ResourceNotFoundException":
      return `no such account or role (ResourceNotFoundException). Check sso_account_id and sso_role_name in ${request.source}`;
    case "TooManyRequestsException":
      return "IAM Identity Center is throttling requests (TooManyRequestsException). Try again shortly";
    case "TimeoutError":
      return `${summary}. Check the network, or AWS_ENDPOINT_URL_SSO if set`;
    default:
      return `${summary}. Try again shortly`;
  }
}
