import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, test } from "node:test";

import { IdentityCenterEmulator } from "../emulator/index.js";
import { makeSsoFixture, sessionProfileConfig, writeCachedToken, type SsoFixture } from "../helpers/ssoFixture.js";
import { runCrowd, type CrowdOutcome } from "./helpers/crowd.js";
import { assertBuilt, findBotocore, peerEnv, type PeerKind } from "./helpers/peers.js";

// 8 of ours, 8 botocore and 8 JS SDK processes, all released at once on one expired token, with
// a service that rotates refresh tokens (each works once). Foreign tools take no lock, so their
// processes race each other and us; ours must all succeed, adopting a token a foreign process got
// with the refresh token we were about to use. Foreign failures and the number of CreateToken
// calls are what those tools do, and are reported, not asserted.
// The emulator answers CreateToken in 300 ms, as a real service takes a few hundred: requests
// then overlap, and in most rounds one of ours meets a foreign rotation (the adoption path).
// Manual runs: INTEROP_CROWD_ROUNDS=20 for more rounds, INTEROP_CREATE_TOKEN_LATENCY_MS=0 for
// an instant service (the JS SDK's in-place write then often lands while others read the file).

const START_URL = "https://emulator.awsapps.com/start";
const PER_KIND = 8;
const ROUNDS = Number(process.env.INTEROP_CROWD_ROUNDS ?? 1);

let emu: IdentityCenterEmulator;
let fixture: SsoFixture;

before(async () => {
  assertBuilt();
  const latency = Number(process.env.INTEROP_CREATE_TOKEN_LATENCY_MS ?? 300);
  emu = new IdentityCenterEmulator({ rotation: "rotate", accessTokenTtlSeconds: 3600, latencyMs: { CreateToken: latency } });
  await emu.start();
  fixture = await makeSsoFixture(sessionProfileConfig({ startUrl: START_URL }));
});
after(async () => {
  await emu?.stop();
  await fixture?.cleanup();
});

function summary(outcomes: CrowdOutcome[], kind: PeerKind): { ok: number; failed: number; errors: Map<string, number> } {
  const mine = outcomes.filter((outcome) => outcome.kind === kind);
  const errors = new Map<string, number>();
  for (const { result } of mine) {
    if (result.ok) continue;
    const text = `${result.error?.name ?? "?"}: ${(result.error?.message ?? "").split(". ")[0]}`;
    errors.set(text, (errors.get(text) ?? 0) + 1);
  }
  return { ok: mine.filter((outcome) => outcome.result.ok).length, failed: mine.filter((outcome) => !outcome.result.ok).length, errors };
}

function countLines(outcomes: CrowdOutcome[], fragment: string): number {
  return outcomes.filter((outcome) => outcome.kind === "ours" && outcome.result.log?.some((line) => line.message.includes(fragment))).length;
}

test(`mixed crowd: ${PER_KIND} of ours, ${PER_KIND} botocore, ${PER_KIND} JS SDK on one expired token, rotation on: all of ours succeed`, async (t) => {
  const botocore = findBotocore();
  const python = "python" in botocore ? botocore.python : undefined;
  if (python === undefined) t.diagnostic(`botocore not installed: ${"missing" in botocore ? botocore.missing : ""}; the crowd is ours and the JS SDK only`);
  const groups = [
    { kind: "ours" as const, count: PER_KIND, request: { profile: "dev" } },
    { kind: "js-sdk" as const, count: PER_KIND, request: { profile: "dev" } },
    ...(python !== undefined ? [{ kind: "botocore" as const, count: PER_KIND, request: { profile: "dev" } }] : []),
  ];
  const env = peerEnv(fixture, emu.url);

  for (let round = 1; round <= ROUNDS; round++) {
    const path = await writeCachedToken(fixture.cacheDir, "my-sso", emu.issueSession({ startUrl: START_URL, accessTokenExpired: true }));
    emu.resetCalls();
    const started = performance.now();
    const { outcomes, readyMs } = await runCrowd(groups, env, python);
    const ranMs = performance.now() - started - readyMs;

    const ours = summary(outcomes, "ours");
    const js = summary(outcomes, "js-sdk");
    const boto = summary(outcomes, "botocore");
    const jsCalls = outcomes.reduce((sum, o) => sum + (o.result.createToken?.ok ?? 0) + (o.result.createToken?.failed ?? 0), 0);
    const jsRefreshed = outcomes.filter((o) => (o.result.createToken?.ok ?? 0) > 0).length;
    const botoRefreshed = outcomes.filter((o) => o.result.refreshed === true).length;
    const botoTried = outcomes.filter((o) => o.result.refreshed === true || o.result.refreshFailed === true).length;
    const oursCalled = countLines(outcomes, "refreshing the SSO token for");
    const oursWrote = countLines(outcomes, "refreshed the SSO token in");
    const oursAdopted = countLines(outcomes, "another process rotated the refresh token");
    const oursReused = countLines(outcomes, "was refreshed meanwhile");

    const tag = ROUNDS > 1 ? `round ${round}: ` : "";
    t.diagnostic(`${tag}all ${outcomes.length} processes ready after ${Math.round(readyMs)} ms; released together, done ${Math.round(ranMs)} ms later`);
    t.diagnostic(`${tag}CreateToken calls: ${emu.calls.CreateToken} (ours ${oursCalled}, JS SDK ${jsCalls}, botocore ${botoTried}); GetRoleCredentials: ${emu.calls.GetRoleCredentials}`);
    t.diagnostic(
      `${tag}refreshed successfully by: ours ${oursWrote}, JS SDK ${jsRefreshed}, botocore ${botoRefreshed}; ` +
        `ours adopted a foreign rotation ${oursAdopted}×, reused a peer's refresh ${oursReused}×`,
    );
    t.diagnostic(`${tag}ours: ${ours.ok}/${PER_KIND} ok`);
    const foreign = (name: string, s: ReturnType<typeof summary>) =>
      `${tag}${name}: ${s.failed}/${s.ok + s.failed} failed${[...s.errors].map(([text, n]) => `; ${n}× ${text}`).join("")}`;
    t.diagnostic(foreign("JS SDK", js));
    if (python !== undefined) t.diagnostic(foreign("botocore", boto));

    const oursFailed = outcomes.filter((o) => o.kind === "ours" && !o.result.ok);
    for (const failure of oursFailed) {
      t.diagnostic(`ours #${failure.index} failed: ${failure.result.error?.name}: ${failure.result.error?.message}`);
      for (const line of failure.result.log ?? []) t.diagnostic(`  ${line.atMs} ms ${line.level}: ${line.message}`);
    }
    assert.equal(ours.ok, PER_KIND, `${tag}every one of our processes gets credentials`);
    const cache = JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
    assert.ok(emu.isAccessTokenValid(cache.accessToken as string), `${tag}the cache ends with a valid access token`);
    t.diagnostic(`${tag}the cache ends with the newest refresh token: ${cache.refreshToken === emu.latestRefreshToken}`);
  }
});
