import { PeerProcess, type PeerKind, type PeerResult } from "./peers.js";

export interface CrowdMember {
  kind: PeerKind;
  index: number;
  peer: PeerProcess;
}

export interface CrowdOutcome {
  kind: PeerKind;
  index: number;
  result: PeerResult;
}

/**
 * Starts every peer, waits until all have loaded and said `ready`, then releases them all at
 * once (one `go` each, in an interleaved order) and collects every result. Every process is
 * stopped at the end, whatever happened.
 */
export async function runCrowd(
  groups: { kind: PeerKind; count: number; request: Record<string, unknown> }[],
  env: NodeJS.ProcessEnv,
  python: string | undefined,
): Promise<{ outcomes: CrowdOutcome[]; readyMs: number }> {
  const members: CrowdMember[] = [];
  const longest = Math.max(...groups.map((group) => group.count));
  const started = performance.now();
  try {
    // Interleaved (ours, js-sdk, botocore, ours, ...) so no kind gets a head start from the order.
    for (let index = 0; index < longest; index++) {
      for (const group of groups) {
        if (index >= group.count) continue;
        const peer = PeerProcess.start(group.kind, "credentials", { ...group.request, wait: true }, env, python);
        members.push({ kind: group.kind, index, peer });
      }
    }
    await Promise.all(members.map((member) => member.peer.ready));
    const readyMs = performance.now() - started;
    for (const member of members) member.peer.go();
    const results = await Promise.all(members.map((member) => member.peer.result));
    return {
      outcomes: members.map((member, i) => ({ kind: member.kind, index: member.index, result: results[i] as PeerResult })),
      readyMs,
    };
  } finally {
    for (const member of members) member.peer.stop();
  }
}
