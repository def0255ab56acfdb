import { randomBytes } from "node:crypto";

import { callWithDeadline } from "./callWithDeadline.js";
import { issuedLoginToken, type IssuedLoginToken } from "./IssuedLoginToken.js";
import type { LoginFlowContext } from "./LoginFlowContext.js";
import { loginErrorForFailure } from "./loginErrorForFailure.js";
import { looksHeadless } from "./looksHeadless.js";
import { LoopbackCallbackServer } from "./LoopbackCallbackServer.js";
import { DEFAULT_PKCE_SCOPE, discardClientRegistration, obtainClientRegistration } from "./obtainClientRegistration.js";
import { oidcBaseUrl } from "./oidcBaseUrl.js";
import { authorizeUrl } from "./authorizeUrl.js";
import { PkcePair } from "./PkcePair.js";

export interface PkceFlowOptions {
  /** The callback server's port; 0 for any free one. */
  redirectPort: number;
  /** How long to wait for the browser's answer. */
  callbackTimeoutMs: number;
}

/**
 * The authorization code login with PKCE (botocore `SSOTokenFetcherAuth`): a registration for the
 * `authorization_code` grant, a loopback server on 127.0.0.1 listening before the browser is sent to
 * `<oidc>/authorize`, the code it brings back (its `state` checked), and CreateToken with the code,
 * the redirect URI (port included) and the code verifier.
 */
export async function runPkceFlow(ctx: LoginFlowContext, options: PkceFlowOptions): Promise<IssuedLoginToken> {
  const { session, oidc, clock, signal } = ctx;
  const target = session.target;
  const { registration, path: registrationPath } = await obtainClientRegistration({ ...ctx, flow: "pkce" });
  const pkce = PkcePair.create();
  const state = randomBytes(32).toString("base64url");
  const server = await LoopbackCallbackServer.start({
    port: options.redirectPort,
    state,
    target,
    clock,
    timeoutMs: options.callbackTimeoutMs,
    signal,
    words: ctx.words,
    logger: ctx.logger,
  });
  let answered = false;
  try {
    const scopes = session.registrationScopes !== undefined && session.registrationScopes.length > 0 ? session.registrationScopes : [DEFAULT_PKCE_SCOPE];
    const url = authorizeUrl({
      baseUrl: await oidcBaseUrl(oidc),
      clientId: registration.clientId,
      redirectUri: server.redirectUri,
      state,
      scopes,
      codeChallenge: pkce.challenge,
    });
    ctx.prompt({ type: "open-url", target, url, openBrowser: ctx.openBrowser, headless: looksHeadless(ctx.env) });
    if (ctx.openBrowser) {
      // Detached: a prompt callback that throws here must not end the process as an unhandled rejection.
      void ctx.browser(url)
        .then((outcome) => {
          if (!outcome.opened && !answered) ctx.prompt({ type: "browser-failed", target, url, reason: outcome.reason });
        })
        .catch(() => undefined);
    }
    const code = await server.waitForCode();
    answered = true;
    const { CreateTokenCommand } = await import("@aws-sdk/client-sso-oidc");
    const outcome = await callWithDeadline(
      (abortSignal) =>
        oidc.send(
          new CreateTokenCommand({
            grantType: "authorization_code",
            clientId: registration.clientId,
            clientSecret: registration.clientSecret,
            redirectUri: server.redirectUri,
            codeVerifier: pkce.verifier,
            code,
          }),
          { abortSignal },
        ),
      { clock, timeoutMs: ctx.requestTimeoutMs, signal, words: ctx.words },
    );
    if (!outcome.ok) {
      if (outcome.failure.code === "InvalidClientException") await discardClientRegistration(registrationPath);
      throw loginErrorForFailure(outcome.failure, { target, operation: "CreateToken" });
    }
    return issuedLoginToken(outcome.output, registration, target);
  } finally {
    answered = true;
    await server.close();
  }
}
