// One process of the contention bench: loads a provider, says "ready", and on "go" asks it for
// credentials once, timing from the "go" message to the credentials (or the error), in wall-clock
// time and in CPU time this process used meanwhile.
//   argv: <ours|sdk> [--cold]   IPC in: { type: "go", profile } | { type: "exit" }
//   IPC out: { type: "ready" }, { type: "result", ok, ms, cpuMs, error? }
import { describeError, loadFromSSO, preloadLazyModules } from "./providers.mjs";

const kind = process.argv[2];
const fromSSO = await loadFromSSO(kind);
if (!process.argv.includes("--cold")) await preloadLazyModules(kind);

process.on("message", async (message) => {
  if (message?.type === "exit") process.exit(0);
  if (message?.type !== "go") return;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const elapsed = () => {
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
  };
  try {
    await fromSSO({ profile: message.profile })();
    process.send({ type: "result", ok: true, ...elapsed() });
  } catch (error) {
    process.send({ type: "result", ok: false, ...elapsed(), error: describeError(error) });
  }
});
process.send({ type: "ready" });
