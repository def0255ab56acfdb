// Standalone IAM Identity Center emulator, for tests that need it in another process:
//   node --import tsx test/emulator/server.ts [--port N] [--rotation rotate|rotate-with-grace|none]
//        [--access-token-ttl S] [--role-credentials-ttl S] [--latency-ms N] [--rotation-grace S] [--auto-approve]
//        [--enforce-poll-interval] [--device-code-ttl S] [--device-poll-interval S] [--authorization-code-ttl S]
//        [--authorize-outcome approve|deny] [--assume-role-ttl-cap S] [--sts-disabled-regions R1,R2] [--role-trust JSON]
// Prints one line {"url":"http://127.0.0.1:PORT"} when listening; control API under /__emulator/;
// exits cleanly on SIGTERM / SIGINT.
import { IdentityCenterEmulator } from "./IdentityCenterEmulator.js";
import { OffsetClock } from "./OffsetClock.js";
import { parseServerArgs } from "./parseServerArgs.js";

async function main(): Promise<void> {
  let options;
  try {
    options = parseServerArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  const clock = new OffsetClock();
  const emulator = new IdentityCenterEmulator({ ...options, now: clock.now, advanceClock: clock.advanceMs, controlApi: true });
  const url = await emulator.start();
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
  process.stdout.write(`${JSON.stringify({ url })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
