/** Options of `IdentityCenterEmulator.issueSession`. */
export interface IssueSessionOptions {
  /** Default `https://emulator.awsapps.com/start`. */
  readonly startUrl?: string;
  /** Scopes of the client registration. Default `["sso:account:access"]`. */
  readonly scopes?: readonly string[];
  /** Lifetime of the access token; default the emulator's `accessTokenTtlSeconds`. */
  readonly accessTokenTtlSeconds?: number;
  /** Lifetime of the client registration; default the emulator's `registrationTtlSeconds`. */
  readonly registrationTtlSeconds?: number;
  /** Issue an access token that has already expired (expiresAt one second in the past). */
  readonly accessTokenExpired?: boolean;
}

/** The outcome of a completed `aws sso login`: what the AWS CLI writes to its token cache file. */
export interface IssuedSession {
  readonly startUrl: string;
  readonly scopes: readonly string[];
  readonly clientId: string;
  readonly clientSecret: string;
  readonly registrationExpiresAt: Date;
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresAt: Date;
}

/** `IssuedSession` with the dates as ISO strings, as the control API sends it. */
export type IssuedSessionJson = Omit<IssuedSession, "registrationExpiresAt" | "expiresAt"> & {
  readonly registrationExpiresAt: string;
  readonly expiresAt: string;
};

export function issuedSessionToJson(session: IssuedSession): IssuedSessionJson {
  return {
    ...session,
    registrationExpiresAt: session.registrationExpiresAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
  };
}

export function issuedSessionFromJson(json: IssuedSessionJson): IssuedSession {
  return {
    ...json,
    registrationExpiresAt: new Date(json.registrationExpiresAt),
    expiresAt: new Date(json.expiresAt),
  };
}

export const DEFAULT_START_URL = "https://emulator.awsapps.com/start";
export const DEFAULT_SCOPES: readonly string[] = Object.freeze(["sso:account:access"]);
