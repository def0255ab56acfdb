// One run of the warm bench: gets credentials once, then times calls while they are memoized.
//   argv: <ours|sdk> <wrap> <iterations> <profile>
//   wrap: "none"    the provider as fromSSO returns it (ours memoizes by itself; the SDK's does not)
//         "memoize" wrapped as an SDK client wraps a credentials option: memoize from
//                   @smithy/core/config with the client's isIdentityExpired / doesIdentityRequireRefresh
//         "client"  through an S3Client: client.config.credentials(), the function the client signs with
//   stdout: { ok, nsPerOp, batches: [ns/op per batch], error? }
import { describeError, loadFromSSO } from "./providers.mjs";

const [kind, wrap, iterationsText, profile] = process.argv.slice(2);
const iterations = Number(iterationsText);
const BATCHES = 5;

async function makeProvider() {
  const provider = (await loadFromSSO(kind))({ profile });
  switch (wrap) {
    case "none":
      return provider;
    case "memoize": {
      const { memoize } = await import("@smithy/core/config");
      const { isIdentityExpired, doesIdentityRequireRefresh } = await import("@smithy/core");
      return memoize(provider, isIdentityExpired, doesIdentityRequireRefresh);
    }
    case "client": {
      const { S3Client } = await import("@aws-sdk/client-s3");
      return new S3Client({ region: "us-east-1", credentials: provider }).config.credentials;
    }
    default:
      throw new Error(`unknown wrap: ${String(wrap)} (none, memoize or client)`);
  }
}

async function timeCalls(provider, count) {
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await provider();
  return Number(process.hrtime.bigint() - started) / count;
}

try {
  const provider = await makeProvider();
  const first = await provider();
  if (typeof first?.accessKeyId !== "string") throw new Error("the first call returned no credentials");
  const perBatch = Math.max(1, Math.floor(iterations / BATCHES));
  await timeCalls(provider, perBatch); // JIT warm-up, not counted
  const batches = [];
  for (let b = 0; b < BATCHES; b++) batches.push(await timeCalls(provider, perBatch));
  const sorted = [...batches].sort((a, b) => a - b);
  process.stdout.write(`${JSON.stringify({ ok: true, nsPerOp: sorted[Math.floor(BATCHES / 2)], batches })}\n`);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ ok: false, error: describeError(error) })}\n`);
  process.exitCode = 1;
}
