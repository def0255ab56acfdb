// One of the K processes of the working-day bench. Time is simulated: the emulator's clock and
// this process's clock are real time plus the same offset, which the parent moves forward.
// On each tick the process sets its clock and asks its provider for credentials once.
//   argv: <ours|sdk> <profile>
//   IPC in: { type: "tick", offsetMs } | { type: "exit" }
//   IPC out: { type: "ready" }, { type: "tock", ok, error? }
//
// Ours takes the clock through its `clock` option. The SDK's fromSSO has no clock option: its
// token provider, and the client-style memoize wrapped around it, read Date.now(), so Date.now
// is shifted in the SDK's process only. (Ours keeps the real Date.now: proper-lockfile compares
// lock mtimes with it.)
import { setTimeout as sleep } from "node:timers/promises";

import { describeError, loadFromSSO } from "./providers.mjs";

const [kind, profile] = process.argv.slice(2);
const realNow = Date.now.bind(Date);
let offsetMs = 0;
const now = () => realNow() + offsetMs;

async function makeProvider() {
  const fromSSO = await loadFromSSO(kind);
  if (kind === "ours") return fromSSO({ profile, clock: { now, monotonic: () => performance.now(), sleep: (ms, signal) => sleep(ms, undefined, { signal }) } });
  Date.now = now;
  // As an SDK client wraps a credentials option (resolveAwsSdkSigV4Config): fromSSO itself fetches on every call.
  const { memoize } = await import("@smithy/core/config");
  const { isIdentityExpired, doesIdentityRequireRefresh } = await import("@smithy/core");
  return memoize(fromSSO({ profile }), isIdentityExpired, doesIdentityRequireRefresh);
}

const provider = await makeProvider();
process.on("message", async (message) => {
  if (message?.type === "exit") process.exit(0);
  if (message?.type !== "tick") return;
  offsetMs = message.offsetMs;
  try {
    const credentials = await provider();
    if (credentials.expiration.getTime() <= now()) throw new Error("the provider returned expired credentials");
    process.send({ type: "tock", ok: true });
  } catch (error) {
    process.send({ type: "tock", ok: false, error: describeError(error) });
  }
});
process.send({ type: "ready" });
