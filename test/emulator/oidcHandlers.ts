import { createHash } from "node:crypto";
import { EmulatorHttpError } from "./EmulatorHttpError.js";
import type { HandlerContext, OperationHandler, OperationRequest, OperationResult } from "./HandlerContext.js";
import type { OperationName } from "./OperationName.js";
import { optionalString, optionalStringList, requiredString } from "./oidcRequestFields.js";
import { randomToken, randomUserCode } from "./randomToken.js";
import { signIn } from "./signIn.js";
import type { ClientRegistration, RefreshTokenRecord, SignInSession } from "./TokenStore.js";

export const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
export const AUTHORIZATION_CODE_GRANT = "authorization_code";
export const REFRESH_TOKEN_GRANT = "refresh_token";

const KNOWN_GRANTS: readonly string[] = Object.freeze([DEVICE_CODE_GRANT, AUTHORIZATION_CODE_GRANT, REFRESH_TOKEN_GRANT]);
/** What a client registered without `grantTypes` may use (the device-code login of the AWS CLI). */
const DEFAULT_GRANTS: readonly string[] = Object.freeze([DEVICE_CODE_GRANT, REFRESH_TOKEN_GRANT]);

/** A PKCE code verifier (RFC 7636 §4.1): 43 to 128 unreserved characters. */
const CODE_VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

/** PKCE S256: base64url(sha256(verifier)), unpadded. */
export function pkceS256(codeVerifier: string): string {
  return createHash("sha256").update(codeVerifier).digest("base64url");
}

function base64urlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/** The SSO OIDC operations: RegisterClient, StartDeviceAuthorization, CreateToken. */
export function createOidcHandlers(ctx: HandlerContext): Pick<Record<OperationName, OperationHandler>, "RegisterClient" | "StartDeviceAuthorization" | "CreateToken"> {
  const { store } = ctx;

  function authenticateClient(body: OperationRequest["body"]): ClientRegistration {
    const clientId = requiredString(body, "clientId");
    const clientSecret = requiredString(body, "clientSecret");
    const registration = store.registrations.get(clientId);
    if (!registration || registration.clientSecret !== clientSecret) {
      throw EmulatorHttpError.oidc("InvalidClientException", "Invalid client provided");
    }
    if (ctx.now() >= registration.expiresAt) {
      throw EmulatorHttpError.oidc("InvalidClientException", "Client registration has expired");
    }
    return registration;
  }

  function tokenResponse(session: SignInSession, accessToken: { token: string; expiresAt: number }, refreshToken: RefreshTokenRecord | undefined): OperationResult {
    const now = ctx.now();
    const response: Record<string, unknown> = {
      accessToken: accessToken.token,
      tokenType: "Bearer",
      expiresIn: Math.max(0, Math.round((accessToken.expiresAt - now) / 1000)),
    };
    if (refreshToken) response.refreshToken = refreshToken.token;
    if (session.scopes.includes("openid")) {
      const iat = Math.floor(now / 1000);
      response.idToken = `${base64urlJson({ alg: "none", typ: "JWT" })}.${base64urlJson({
        iss: ctx.baseUrl(),
        sub: "emulator-user",
        aud: session.clientId,
        iat,
        exp: Math.floor(accessToken.expiresAt / 1000),
      })}.`;
    }
    return response;
  }

  function checkScopes(registration: ClientRegistration, requested: readonly string[] | undefined): void {
    const unknown = (requested ?? []).filter((scope) => !registration.scopes.includes(scope));
    if (unknown.length > 0) {
      throw EmulatorHttpError.oidc("InvalidScopeException", `Invalid scope: ${unknown.join(" ")}`);
    }
  }

  function deviceCodeGrant(registration: ClientRegistration, body: OperationRequest["body"]): OperationResult {
    const deviceCode = requiredString(body, "deviceCode");
    const auth = store.deviceAuthorizations.get(deviceCode);
    const now = ctx.now();
    if (!auth || auth.clientId !== registration.clientId || auth.status === "consumed") {
      throw EmulatorHttpError.oidc("InvalidGrantException", "Invalid device code provided");
    }
    if (now >= auth.expiresAt) throw EmulatorHttpError.oidc("ExpiredTokenException", "Device code has expired");
    if (auth.status === "denied") throw EmulatorHttpError.oidc("AccessDeniedException", "The user denied the authorization request");
    if (auth.status === "pending") {
      const polledTooSoon =
        ctx.config.enforceDevicePollInterval && auth.lastPolledAt !== undefined && now - auth.lastPolledAt < auth.intervalSeconds * 1000;
      auth.lastPolledAt = now;
      if (polledTooSoon) throw EmulatorHttpError.oidc("SlowDownException", "Client is polling too fast");
      throw EmulatorHttpError.oidc("AuthorizationPendingException", "Authorization is still pending");
    }
    auth.status = "consumed";
    const { session, accessToken, refreshToken } = signIn(ctx, {
      clientId: registration.clientId,
      startUrl: auth.startUrl,
      scopes: registration.scopes,
    });
    return tokenResponse(session, accessToken, refreshToken);
  }

  function authorizationCodeGrant(registration: ClientRegistration, body: OperationRequest["body"]): OperationResult {
    const code = requiredString(body, "code");
    const redirectUri = optionalString(body, "redirectUri");
    const codeVerifier = optionalString(body, "codeVerifier");
    const grant = store.authorizationCodes.get(code);
    if (!grant || grant.clientId !== registration.clientId || grant.consumed) {
      throw EmulatorHttpError.oidc("InvalidGrantException", "Invalid authorization code provided");
    }
    if (ctx.now() >= grant.expiresAt) throw EmulatorHttpError.oidc("InvalidGrantException", "Authorization code has expired");
    if (redirectUri !== grant.redirectUri) throw EmulatorHttpError.oidc("InvalidGrantException", "Redirect URI does not match");
    if (grant.codeChallenge !== undefined) {
      if (codeVerifier === undefined || !CODE_VERIFIER.test(codeVerifier)) {
        throw EmulatorHttpError.oidc("InvalidGrantException", "Code verifier is missing or not 43-128 unreserved characters (RFC 7636)");
      }
      if (pkceS256(codeVerifier) !== grant.codeChallenge) {
        throw EmulatorHttpError.oidc("InvalidGrantException", "Code verifier does not match the code challenge");
      }
    }
    grant.consumed = true;
    const { session, accessToken, refreshToken } = signIn(ctx, {
      clientId: registration.clientId,
      startUrl: grant.startUrl,
      scopes: grant.scopes,
    });
    return tokenResponse(session, accessToken, refreshToken);
  }

  function refreshTokenGrant(registration: ClientRegistration, body: OperationRequest["body"]): OperationResult {
    const token = requiredString(body, "refreshToken");
    const record = store.refreshTokens.get(token);
    const now = ctx.now();
    if (!record || record.clientId !== registration.clientId) {
      throw EmulatorHttpError.oidc("InvalidGrantException", "Invalid refresh token provided");
    }
    const session = store.sessions.get(record.sessionId);
    if (!session || session.ended) throw EmulatorHttpError.oidc("InvalidGrantException", "The session has ended");
    if (now >= session.expiresAt) throw EmulatorHttpError.oidc("InvalidGrantException", "Refresh token has expired");
    if (record.state === "revoked") throw EmulatorHttpError.oidc("InvalidGrantException", "Refresh token has been revoked");

    const { rotation, rotationGraceSeconds } = ctx.config;
    if (record.state === "rotated") {
      const inGrace =
        rotation === "rotate-with-grace" && record.firstUsedAt !== undefined && now - record.firstUsedAt < rotationGraceSeconds * 1000;
      if (!inGrace) throw EmulatorHttpError.oidc("InvalidGrantException", "Refresh token has already been used");
    }
    record.firstUsedAt ??= now;
    const accessToken = store.issueAccessToken(session, now + ctx.config.accessTokenTtlSeconds * 1000);
    if (rotation === "none" && record.state === "active") {
      return tokenResponse(session, accessToken, undefined);
    }
    record.state = "rotated";
    return tokenResponse(session, accessToken, store.issueRefreshToken(session, now));
  }

  return {
    RegisterClient({ body }) {
      const clientName = requiredString(body, "clientName");
      const clientType = requiredString(body, "clientType");
      const scopes = optionalStringList(body, "scopes") ?? [];
      const grantTypes = optionalStringList(body, "grantTypes");
      const redirectUris = optionalStringList(body, "redirectUris") ?? [];
      const issuerUrl = optionalString(body, "issuerUrl");
      if (clientType !== "public") {
        throw EmulatorHttpError.oidc("InvalidClientMetadataException", `Unsupported clientType: ${clientType}`);
      }
      // The model lists UnsupportedGrantTypeException among RegisterClient's errors.
      const unknownGrant = grantTypes?.find((grant) => !KNOWN_GRANTS.includes(grant));
      if (unknownGrant !== undefined) {
        throw EmulatorHttpError.oidc("UnsupportedGrantTypeException", `Unsupported grant type: ${unknownGrant}`);
      }
      for (const uri of redirectUris) {
        if (!URL.canParse(uri)) throw EmulatorHttpError.oidc("InvalidRedirectUriException", `Invalid redirect URI: ${uri}`);
      }
      const wantsCode = grantTypes?.includes(AUTHORIZATION_CODE_GRANT) ?? false;
      if (wantsCode && redirectUris.length === 0) {
        throw EmulatorHttpError.oidc("InvalidRequestException", "redirectUris are required for the authorization_code grant");
      }
      const issuedAtSeconds = Math.floor(ctx.now() / 1000);
      const registration = store.createRegistration(
        { clientName, clientType, scopes, grantTypes, redirectUris, issuerUrl },
        issuedAtSeconds,
        ctx.settings.registrationTtlSeconds,
      );
      const response: Record<string, unknown> = {
        clientId: registration.clientId,
        clientSecret: registration.clientSecret,
        clientIdIssuedAt: issuedAtSeconds,
        clientSecretExpiresAt: registration.expiresAt / 1000,
      };
      if (wantsCode) {
        response.authorizationEndpoint = `${ctx.baseUrl()}/authorize`;
        response.tokenEndpoint = `${ctx.baseUrl()}/token`;
      }
      return response;
    },

    StartDeviceAuthorization({ body }) {
      const registration = authenticateClient(body);
      const startUrl = requiredString(body, "startUrl");
      const grants = registration.grantTypes ?? DEFAULT_GRANTS;
      if (!grants.includes(DEVICE_CODE_GRANT)) {
        throw EmulatorHttpError.oidc("UnauthorizedClientException", "Client is not registered for the device_code grant");
      }
      const userCode = randomUserCode();
      const verificationUri = `${ctx.baseUrl()}/device`;
      const { deviceCodeTtlSeconds, devicePollIntervalSeconds } = ctx.settings;
      const auth = {
        deviceCode: randomToken("emu-dc-"),
        userCode,
        clientId: registration.clientId,
        startUrl,
        expiresAt: ctx.now() + deviceCodeTtlSeconds * 1000,
        intervalSeconds: devicePollIntervalSeconds,
        status: ctx.config.autoApproveDevices ? ("approved" as const) : ("pending" as const),
        lastPolledAt: undefined,
      };
      store.deviceAuthorizations.set(auth.deviceCode, auth);
      return {
        deviceCode: auth.deviceCode,
        userCode,
        verificationUri,
        verificationUriComplete: `${verificationUri}?user_code=${encodeURIComponent(userCode)}`,
        expiresIn: deviceCodeTtlSeconds,
        interval: devicePollIntervalSeconds,
      };
    },

    CreateToken({ body }) {
      const registration = authenticateClient(body);
      const grantType = requiredString(body, "grantType");
      if (!KNOWN_GRANTS.includes(grantType)) {
        throw EmulatorHttpError.oidc("UnsupportedGrantTypeException", `Unsupported grant type: ${grantType}`);
      }
      if (!(registration.grantTypes ?? DEFAULT_GRANTS).includes(grantType)) {
        throw EmulatorHttpError.oidc("UnauthorizedClientException", `Client is not registered for the ${grantType} grant`);
      }
      checkScopes(registration, optionalStringList(body, "scope"));
      switch (grantType) {
        case DEVICE_CODE_GRANT:
          return deviceCodeGrant(registration, body);
        case AUTHORIZATION_CODE_GRANT:
          return authorizationCodeGrant(registration, body);
        default:
          return refreshTokenGrant(registration, body);
      }
    },
  };
}
