import type { StartDeviceAuthorizationCommandOutput } from "@aws-sdk/client-sso-oidc";

import { LoginExpiredError } from "../errors/LoginExpiredError.js";
import { LoginFailedError } from "../errors/LoginFailedError.js";
import { callWithDeadline, type CallOutcome } from "./callWithDeadline.js";
import type { ClientRegistration } from "./ClientRegistration.js";
import { issuedLoginToken, type IssuedLoginToken } from "./IssuedLoginToken.js";
import type { LoginFlowContext } from "./LoginFlowContext.js";
import { loginErrorForFailure } from "./loginErrorForFailure.js";
import { discardClientRegistration, obtainClientRegistration } from "./obtainClientRegistration.js";
import { LOG_PREFIX } from "../logging/logPrefix.js";

/** RFC 8628 §3.5: without an `interval`, poll every 5 s; `slow_down` adds 5 s (botocore `_DEFAULT_INTERVAL`, `_SLOW_DOWN_DELAY`). */
const DEFAULT_INTERVAL_SECONDS = 5;
const SLOW_DOWN_SECONDS = 5;
/** A service or network failure while polling is retried at the next interval, this many times in a row at most. */
const MAX_CONSECUTIVE_POLL_FAILURES = 3;

/**
 * The device authorization login (botocore `SSOTokenFetcher`): a registration without grant types,
 * StartDeviceAuthorization, one CreateToken attempt at once (a pre-approved client needs no prompt),
 * then the verification URL and user code for the user, and CreateToken every `interval` seconds
 * (`slow_down` adds 5 s) until a token, `expired_token` or `access_denied`, or `expiresIn` has passed.
 */
export async function runDeviceFlow(ctx: LoginFlowContext): Promise<IssuedLoginToken> {
  const { session, clock, logger } = ctx;
  const target = session.target;
  let obtained = await obtainClientRegistration({ ...ctx, flow: "device" });
  let started = await startDeviceAuthorization(ctx, obtained.registration);
  if (!started.ok && started.failure.code === "InvalidClientException" && obtained.reused) {
    // A cached registration the service no longer knows (revoked, or from another instance): register anew, once.
    logger?.info?.(`${LOG_PREFIX} the cached client registration was refused (InvalidClientException); registering anew`);
    await discardClientRegistration(obtained.path);
    obtained = await obtainClientRegistration({ ...ctx, flow: "device" });
    started = await startDeviceAuthorization(ctx, obtained.registration);
  }
  if (!started.ok) throw loginErrorForFailure(started.failure, { target, operation: "StartDeviceAuthorization" });
  const { registration } = obtained;
  const { deviceCode, userCode, verificationUri, verificationUriComplete, expiresIn, interval } = started.output;
  if (typeof deviceCode !== "string" || deviceCode === "" || typeof userCode !== "string" || typeof verificationUri !== "string" || typeof expiresIn !== "number") {
    throw new LoginFailedError({
      target,
      operation: "StartDeviceAuthorization",
      problem: "MalformedResponse: the StartDeviceAuthorization response lacked deviceCode, userCode, verificationUri or expiresIn",
      serviceCode: "MalformedResponse",
      httpStatusCode: started.output.$metadata.httpStatusCode,
      requestId: started.output.$metadata.requestId,
    });
  }
  const deadline = clock.monotonic() + expiresIn * 1000;
  const expiresAt = new Date(clock.now() + expiresIn * 1000);
  let intervalSeconds = typeof interval === "number" && Number.isFinite(interval) && interval > 0 ? interval : DEFAULT_INTERVAL_SECONDS;
  let failures = 0;

  const poll = async (): Promise<IssuedLoginToken | undefined> => {
    const { CreateTokenCommand } = await import("@aws-sdk/client-sso-oidc");
    const outcome = await callWithDeadline(
      (abortSignal) =>
        ctx.oidc.send(
          new CreateTokenCommand({
            grantType: "urn:ietf:params:oauth:grant-type:device_code",
            clientId: registration.clientId,
            clientSecret: registration.clientSecret,
            deviceCode,
          }),
          { abortSignal },
        ),
      { clock, timeoutMs: ctx.requestTimeoutMs, signal: ctx.signal, words: ctx.words },
    );
    if (outcome.ok) return issuedLoginToken(outcome.output, registration, target);
    const { failure } = outcome;
    switch (failure.code) {
      case "AuthorizationPendingException":
        failures = 0;
        return undefined;
      case "SlowDownException":
        failures = 0;
        intervalSeconds += SLOW_DOWN_SECONDS;
        logger?.debug?.(`${LOG_PREFIX} SSO OIDC asked to poll more slowly; polling every ${intervalSeconds} s`);
        return undefined;
      case "ExpiredTokenException":
        throw new LoginExpiredError({ target, validForSeconds: expiresIn, serviceCode: failure.code, requestId: failure.requestId, cause: failure.cause });
    }
    const error = loginErrorForFailure(failure, { target, operation: "CreateToken" });
    if (!(error instanceof LoginFailedError) || ++failures >= MAX_CONSECUTIVE_POLL_FAILURES) throw error;
    logger?.warn?.(`${LOG_PREFIX} ${error.message} Trying again in ${intervalSeconds} s.`);
    return undefined;
  };

  let token = await poll();
  if (token !== undefined) return token;
  ctx.prompt({
    type: "enter-code",
    target,
    verificationUri,
    verificationUriComplete: typeof verificationUriComplete === "string" && verificationUriComplete !== "" ? verificationUriComplete : undefined,
    userCode,
    expiresAt,
    openBrowser: ctx.openBrowser,
  });
  if (ctx.openBrowser) {
    const url = typeof verificationUriComplete === "string" && verificationUriComplete !== "" ? verificationUriComplete : verificationUri;
    let done = false;
    // Detached: a prompt callback that throws here must not end the process as an unhandled rejection.
    void ctx.browser(url)
      .then((outcome) => {
        if (!outcome.opened && !done) ctx.prompt({ type: "browser-failed", target, url, reason: outcome.reason });
      })
      .catch(() => undefined);
    try {
      return await pollUntilDone();
    } finally {
      done = true;
    }
  }
  return pollUntilDone();

  async function pollUntilDone(): Promise<IssuedLoginToken> {
    for (;;) {
      await clock.sleep(Math.max(0, Math.min(intervalSeconds * 1000, deadline - clock.monotonic())), ctx.signal);
      if (clock.monotonic() >= deadline) throw new LoginExpiredError({ target, validForSeconds: expiresIn });
      token = await poll();
      if (token !== undefined) return token;
    }
  }
}

function startDeviceAuthorization(ctx: LoginFlowContext, registration: ClientRegistration): Promise<CallOutcome<StartDeviceAuthorizationCommandOutput>> {
  return import("@aws-sdk/client-sso-oidc").then(({ StartDeviceAuthorizationCommand }) =>
    callWithDeadline(
      (abortSignal) =>
        ctx.oidc.send(
          new StartDeviceAuthorizationCommand({ clientId: registration.clientId, clientSecret: registration.clientSecret, startUrl: ctx.session.startUrl }),
          { abortSignal },
        ),
      { clock: ctx.clock, timeoutMs: ctx.requestTimeoutMs, signal: ctx.signal, words: ctx.words },
    ),
  );
}
