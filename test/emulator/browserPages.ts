import { decideConsent } from "./decideConsent.js";
import type { HandlerContext } from "./HandlerContext.js";
import { DEFAULT_START_URL } from "./IssuedSession.js";
import { issueAuthorizationCode } from "./issueAuthorizationCode.js";
import { AUTHORIZATION_CODE_GRANT } from "./oidcHandlers.js";
import type { PageName } from "./OperationName.js";
import type { PageResponse } from "./PageResponse.js";
import { redirectUriMatches } from "./redirectUriMatches.js";
import type { AuthorizeRequestRecord, ClientRegistration } from "./TokenStore.js";

/** A browser page: gets the request URL (path + query), answers with a redirect or HTML. */
export type PageHandler = (url: URL) => PageResponse;

/** An S256 code challenge: base64url (no padding) of a SHA-256 digest, 43 characters. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/** The last value of each query parameter. */
function paramsOf(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}

/**
 * The browser-facing pages of the emulated IAM Identity Center:
 * - `GET /authorize`: the OAuth 2.0 authorization endpoint of the PKCE login (RFC 6749 §4.1, RFC 7636);
 *   the simulated user signs in and approves (or denies, see `authorizeOutcome` / `denyNextAuthorize`)
 *   at once, and the browser is redirected to `redirect_uri` with `code` and `state` (or `error`).
 * - `GET /device?user_code=…`: the device-flow verification page; approves (or denies) the pending
 *   device authorization. Without `user_code` it shows a form asking for one.
 */
export function createBrowserPages(ctx: HandlerContext): Record<PageName, PageHandler> {
  const { store } = ctx;

  function record(url: URL, outcome: AuthorizeRequestRecord["outcome"], error: string | undefined, redirectedTo: string | undefined): void {
    store.authorizeRequests.push({ url: url.pathname + url.search, params: paramsOf(url), outcome, error, redirectedTo });
  }

  /** An error shown in the browser: no redirect, as OAuth requires for an unknown client or redirect URI. */
  function errorPage(url: URL, error: string, message: string): PageResponse {
    record(url, "rejected", error, undefined);
    return { kind: "html", status: 400, title: "Authorization failed", message: `${error}: ${message}` };
  }

  /** Back to the client with an OAuth error (RFC 6749 §4.1.2.1). */
  function redirectError(url: URL, redirectUri: string, error: string, description: string, outcome: "denied" | "rejected"): PageResponse {
    const target = new URL(redirectUri);
    target.searchParams.set("error", error);
    target.searchParams.set("error_description", description);
    const state = url.searchParams.get("state");
    if (state !== null) target.searchParams.set("state", state);
    record(url, outcome, error, target.href);
    return { kind: "redirect", location: target.href };
  }

  function registrationFor(clientId: string | null): ClientRegistration | undefined {
    const registration = clientId === null ? undefined : store.registrations.get(clientId);
    return registration && ctx.now() < registration.expiresAt ? registration : undefined;
  }

  return {
    Authorize(url) {
      const query = url.searchParams;
      const registration = registrationFor(query.get("client_id"));
      if (!registration) return errorPage(url, "invalid_client", "Unknown or expired client_id");
      const redirectUri = query.get("redirect_uri");
      if (redirectUri === null || !URL.canParse(redirectUri) || !registration.redirectUris.some((uri) => redirectUriMatches(uri, redirectUri))) {
        return errorPage(url, "invalid_request", "redirect_uri is missing or not registered for this client");
      }
      if (query.get("response_type") !== "code") {
        return redirectError(url, redirectUri, "unsupported_response_type", "response_type must be code", "rejected");
      }
      if (!(registration.grantTypes ?? []).includes(AUTHORIZATION_CODE_GRANT)) {
        return redirectError(url, redirectUri, "unauthorized_client", "Client is not registered for the authorization_code grant", "rejected");
      }
      const challenge = query.get("code_challenge");
      if (query.get("code_challenge_method") !== "S256") {
        return redirectError(url, redirectUri, "invalid_request", "code_challenge_method must be S256", "rejected");
      }
      if (challenge === null || !S256_CHALLENGE.test(challenge)) {
        return redirectError(url, redirectUri, "invalid_request", "code_challenge must be a base64url SHA-256 digest", "rejected");
      }
      const rawScopes = query.get("scopes") ?? query.get("scope");
      const scopes = rawScopes === null ? [...registration.scopes] : rawScopes.split(" ").filter((scope) => scope !== "");
      const unknown = scopes.filter((scope) => !registration.scopes.includes(scope));
      if (unknown.length > 0) {
        return redirectError(url, redirectUri, "invalid_scope", `Scopes not registered for this client: ${unknown.join(" ")}`, "rejected");
      }
      if (decideConsent(ctx) === "deny") {
        return redirectError(url, redirectUri, "access_denied", "The user denied the authorization request", "denied");
      }
      const { code } = issueAuthorizationCode(ctx, {
        clientId: registration.clientId,
        redirectUri,
        codeChallenge: challenge,
        scopes,
        startUrl: registration.issuerUrl ?? DEFAULT_START_URL,
      });
      const target = new URL(redirectUri);
      target.searchParams.set("code", code);
      const state = query.get("state");
      if (state !== null) target.searchParams.set("state", state);
      record(url, "approved", undefined, target.href);
      return { kind: "redirect", location: target.href };
    },

    DeviceVerification(url) {
      const raw = url.searchParams.get("user_code");
      if (raw === null || raw.trim() === "") {
        return { kind: "html", status: 200, title: "Authorize request", message: "Enter the code shown by your application.", userCodeForm: true };
      }
      const userCode = raw.trim().toUpperCase();
      const auth = [...store.deviceAuthorizations.values()].find((candidate) => candidate.userCode === userCode);
      if (!auth) return { kind: "html", status: 404, title: "Invalid code", message: "No request with this code.", userCodeForm: true };
      if (ctx.now() >= auth.expiresAt) return { kind: "html", status: 400, title: "Code expired", message: "This code has expired." };
      if (auth.status !== "pending") {
        return { kind: "html", status: 409, title: "Already answered", message: `This request was already ${auth.status}.` };
      }
      if (decideConsent(ctx) === "deny") {
        auth.status = "denied";
        return { kind: "html", status: 200, title: "Request denied", message: "You denied access. You can close this window." };
      }
      auth.status = "approved";
      return { kind: "html", status: 200, title: "Request approved", message: "You can close this window and return to your application." };
    },
  };
}
