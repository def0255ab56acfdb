// One run of the fresh-process bench: a new process that imports a provider's package entry and
// gets credentials once, then prints one JSON line and exits by itself.
//   argv: <ours|sdk> <profile>
//   stdout: { ok, bootMs, importMs, callMs, totalMs, error? } (ms since this process started)
import { describeError, loadFromSSO } from "./providers.mjs";

const bootMs = performance.now();
const [kind, profile] = process.argv.slice(2);
let result;
try {
  const fromSSO = await loadFromSSO(kind);
  const imported = performance.now();
  await fromSSO({ profile })();
  const done = performance.now();
  result = { ok: true, bootMs, importMs: imported - bootMs, callMs: done - imported, totalMs: done };
} catch (error) {
  result = { ok: false, bootMs, totalMs: performance.now(), error: describeError(error) };
  process.exitCode = 1;
}
process.stdout.write(`${JSON.stringify(result)}\n`);
