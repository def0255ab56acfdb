// One run of the role-cache bench: a new process that imports a provider's package entry and gets
// credentials once, then prints one JSON line and exits by itself.
//   argv: <ours|sdk> <profile>   (ours with the AWS CLI's role cache on: ~/.aws/cli/cache under HOME)
//   stdout: { ok, bootMs, importMs, callMs, sdkClientModules, lockModule, error? } (ms since this process started)
import { createRequire } from "node:module";

import { describeError, loadFromSSO } from "./providers.mjs";

const bootMs = performance.now();
const [kind, profile] = process.argv.slice(2);
let result;
try {
  const fromSSO = await loadFromSSO(kind);
  const imported = performance.now();
  await fromSSO(kind === "ours" ? { profile, roleCredentialCache: true } : { profile })();
  const done = performance.now();
  // Which SDK client modules the call loaded (the SDK is CommonJS: they are in require's cache).
  const loaded = Object.keys(createRequire(import.meta.url).cache);
  result = {
    ok: true,
    bootMs,
    importMs: imported - bootMs,
    callMs: done - imported,
    sdkClientModules: loaded.filter((path) => /[\\/]@aws-sdk[\\/](client-[^\\/]+|nested-clients)[\\/]/.test(path)).length,
    lockModule: loaded.some((path) => /[\\/]proper-lockfile[\\/]/.test(path)),
  };
} catch (error) {
  result = { ok: false, bootMs, error: describeError(error) };
  process.exitCode = 1;
}
process.stdout.write(`${JSON.stringify(result)}\n`);
