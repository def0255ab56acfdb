import { readFileSync, readlinkSync } from "node:fs";
import { hostname } from "node:os";

/**
 * What tells whether a process id recorded in a lock names a process this process can see. The
 * hostname alone is not enough: a container started with the host's network shares its hostname
 * but not its process ids (another PID namespace), and machines sharing a home directory over NFS
 * may all be called "localhost" (another boot). On systems without /proc, only the hostname.
 */
export interface HostIdentity {
  readonly hostname: string;
  /** Linux: /proc/sys/kernel/random/boot_id, new at every boot and different on every machine. */
  readonly bootId?: string | undefined;
  /** Linux: the PID namespace, as /proc/self/ns/pid links to it (`pid:[4026531836]`). */
  readonly pidNamespace?: string | undefined;
}

/** This process's {@link HostIdentity}, read now (two reads of /proc on Linux). */
export function hostIdentity(): HostIdentity {
  return {
    hostname: hostname(),
    bootId: attempt(() => readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim()),
    pidNamespace: attempt(() => readlinkSync("/proc/self/ns/pid")),
  };
}

function attempt(read: () => string): string | undefined {
  try {
    return read() || undefined;
  } catch {
    return undefined;
  }
}
