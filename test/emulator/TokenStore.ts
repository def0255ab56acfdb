import { randomToken } from "./randomToken.js";

export interface ClientRegistration {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly clientName: string;
  readonly clientType: string;
  readonly scopes: readonly string[];
  /** Undefined when the client did not ask for specific grants (device_code + refresh_token allowed). */
  readonly grantTypes: readonly string[] | undefined;
  readonly redirectUris: readonly string[];
  readonly issuerUrl: string | undefined;
  readonly issuedAt: number;
  readonly expiresAt: number;
}

export type DeviceAuthorizationStatus = "pending" | "approved" | "denied" | "consumed";

export interface DeviceAuthorization {
  readonly deviceCode: string;
  readonly userCode: string;
  readonly clientId: string;
  readonly startUrl: string;
  readonly expiresAt: number;
  readonly intervalSeconds: number;
  status: DeviceAuthorizationStatus;
  lastPolledAt: number | undefined;
}

export interface AuthorizationCode {
  readonly code: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge: string | undefined;
  readonly scopes: readonly string[];
  readonly startUrl: string;
  readonly expiresAt: number;
  consumed: boolean;
}

/** A sign-in session: what a successful login creates; its tokens die with it. */
export interface SignInSession {
  readonly sessionId: string;
  readonly clientId: string;
  readonly startUrl: string;
  readonly scopes: readonly string[];
  readonly createdAt: number;
  readonly expiresAt: number;
  ended: boolean;
}

export interface AccessTokenRecord {
  readonly token: string;
  readonly sessionId: string;
  readonly clientId: string;
  readonly expiresAt: number;
}

export type RefreshTokenState = "active" | "rotated" | "revoked";

export interface RefreshTokenRecord {
  readonly token: string;
  readonly sessionId: string;
  readonly clientId: string;
  readonly issuedAt: number;
  state: RefreshTokenState;
  /** When it was first exchanged (the start of its rotation grace period). */
  firstUsedAt: number | undefined;
}

/** How a visit to `GET /authorize` ended. */
export type AuthorizeOutcomeRecord = "approved" | "denied" | "rejected";

/** One visit to `GET /authorize`, as a test may want to assert it. */
export interface AuthorizeRequestRecord {
  /** Path and query as the browser sent them. */
  readonly url: string;
  /** The query parameters (last value wins if repeated). */
  readonly params: Readonly<Record<string, string>>;
  /** `approved`: redirected with a code; `denied`: redirected with error=access_denied; `rejected`: invalid request. */
  readonly outcome: AuthorizeOutcomeRecord;
  /** The OAuth error (redirected or shown on the error page), e.g. `invalid_scope`. */
  readonly error: string | undefined;
  /** Where the browser was redirected (with `code` or `error`), or undefined for an error page. */
  readonly redirectedTo: string | undefined;
}

export interface IssuedRoleCredentials {
  readonly accessKeyId: string;
  readonly accountId: string;
  readonly roleName: string;
  readonly expiration: number;
}

/** Who holds an access key: SSO role credentials, an AssumeRole session, or an IAM user's long-term key. */
export type AccessKeyKind = "sso-role" | "assumed-role" | "user";

/** An access key the emulator issued; what STS checks a SigV4 signature's key id against. */
export interface AccessKeyRecord {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** The session token that must come with a temporary key (`x-amz-security-token`); undefined for a user key. */
  readonly sessionToken: string | undefined;
  /** Epoch ms; undefined for a user key (never expires). */
  readonly expiresAt: number | undefined;
  readonly kind: AccessKeyKind;
  readonly accountId: string;
  /** The principal: `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION` or `arn:aws:iam::ACCOUNT:user/NAME`. */
  readonly arn: string;
  /** `ROLEID:SESSION` for a role session, the user id for a user. */
  readonly userId: string;
}

/** One set of credentials handed out by AssumeRole (the secret and token are left out). */
export interface AssumedRoleCredentials {
  readonly accessKeyId: string;
  readonly roleArn: string;
  readonly roleSessionName: string;
  /** `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION` */
  readonly assumedRoleArn: string;
  readonly assumedRoleId: string;
  readonly accountId: string;
  /** Epoch ms, as sent in `Expiration`. */
  readonly expiration: number;
  /** `DurationSeconds` asked for (default 3600); the credentials may live shorter (assumeRoleTtlCapSeconds). */
  readonly durationSeconds: number;
  /** The access key that signed the AssumeRole call. */
  readonly sourceAccessKeyId: string;
  readonly externalId: string | undefined;
  readonly serialNumber: string | undefined;
}

/** One STS request as received: who signed it, with what, and how it ended. */
export interface StsRequestRecord {
  readonly operation: "AssumeRole" | "GetCallerIdentity";
  /** The access key id named in the SigV4 `Authorization` header, if any. */
  readonly accessKeyId: string | undefined;
  /** The region of the SigV4 credential scope, if any. */
  readonly region: string | undefined;
  /** The form parameters (Action, Version, RoleArn, RoleSessionName, ...). */
  readonly params: Readonly<Record<string, string>>;
  /** `ok`, the error code sent (e.g. `AccessDenied`), `fault` (injected), `aborted`, or `pending`. */
  readonly outcome: string;
}

/** All the state of one emulator instance. Plain data; the handlers hold the rules. */
export class TokenStore {
  readonly registrations = new Map<string, ClientRegistration>();
  readonly deviceAuthorizations = new Map<string, DeviceAuthorization>();
  readonly authorizationCodes = new Map<string, AuthorizationCode>();
  readonly sessions = new Map<string, SignInSession>();
  readonly accessTokens = new Map<string, AccessTokenRecord>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  /** Every refresh token ever issued, oldest first. */
  readonly issuedRefreshTokens: string[] = [];
  readonly issuedRoleCredentials: IssuedRoleCredentials[] = [];
  readonly authorizeRequests: AuthorizeRequestRecord[] = [];
  readonly accessKeys = new Map<string, AccessKeyRecord>();
  readonly assumedRoleCredentials: AssumedRoleCredentials[] = [];
  readonly stsRequests: { -readonly [K in keyof StsRequestRecord]: StsRequestRecord[K] }[] = [];

  /** Registers a client; its secret expires `ttlSeconds` after `issuedAtSeconds` (whole seconds, as on the wire). */
  createRegistration(
    init: Omit<ClientRegistration, "clientId" | "clientSecret" | "issuedAt" | "expiresAt">,
    issuedAtSeconds: number,
    ttlSeconds: number,
  ): ClientRegistration {
    const registration: ClientRegistration = {
      ...init,
      clientId: randomToken("emu-ci-", 16),
      clientSecret: randomToken("emu-cs-"),
      issuedAt: issuedAtSeconds * 1000,
      expiresAt: (issuedAtSeconds + ttlSeconds) * 1000,
    };
    this.registrations.set(registration.clientId, registration);
    return registration;
  }

  createSession(init: Omit<SignInSession, "sessionId" | "ended">): SignInSession {
    const session: SignInSession = { ...init, sessionId: randomToken("emu-session-", 12), ended: false };
    this.sessions.set(session.sessionId, session);
    return session;
  }

  issueAccessToken(session: SignInSession, expiresAt: number): AccessTokenRecord {
    const record: AccessTokenRecord = {
      token: randomToken("emu-at-"),
      sessionId: session.sessionId,
      clientId: session.clientId,
      expiresAt,
    };
    this.accessTokens.set(record.token, record);
    return record;
  }

  issueRefreshToken(session: SignInSession, now: number): RefreshTokenRecord {
    const record: RefreshTokenRecord = {
      token: randomToken("emu-rt-"),
      sessionId: session.sessionId,
      clientId: session.clientId,
      issuedAt: now,
      state: "active",
      firstUsedAt: undefined,
    };
    this.refreshTokens.set(record.token, record);
    this.issuedRefreshTokens.push(record.token);
    return record;
  }

  /** The live session of an access token, or undefined if the token is unknown, expired or its session ended. */
  sessionOfAccessToken(token: string | undefined, now: number): SignInSession | undefined {
    if (token === undefined) return undefined;
    const record = this.accessTokens.get(token);
    if (!record || now >= record.expiresAt) return undefined;
    const session = this.sessions.get(record.sessionId);
    if (!session || session.ended || now >= session.expiresAt) return undefined;
    return session;
  }
}
