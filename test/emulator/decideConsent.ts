import type { AuthorizeOutcome } from "./EmulatorOptions.js";
import type { HandlerContext } from "./HandlerContext.js";

/** The simulated user's answer on a browser page: a queued refusal first, else `authorizeOutcome`. */
export function decideConsent(ctx: HandlerContext): AuthorizeOutcome {
  if (ctx.consent.denyNext > 0) {
    ctx.consent.denyNext -= 1;
    return "deny";
  }
  return ctx.config.authorizeOutcome;
}
