import { randomBytes } from "node:crypto";

import type { HostIdentity } from "./hostIdentity.js";

/**
 * Who took a lock: the record a holder writes into its lock directory right after creating it, so
 * that a waiter can say whom it waits for and can tell a lock whose process has died from one that
 * is merely busy. The file is `owner-<nonce>.json`, named after the acquisition's nonce: a process
 * removing a stale lock removes the record it judged by name, and so can never remove another's
 * (and a directory holding another's record is not empty: its rmdir fails). One line of JSON:
 * `{"pid":1234,"hostname":"h","acquiredAt":"2026-05-01T12:00:03.120Z","nonce":"9f…","bootId":"…","pidNamespace":"pid:[4026531836]"}`.
 */
export class LockOwner {
  readonly pid: number;
  readonly hostname: string;
  /** When the lock was taken, epoch milliseconds. */
  readonly acquiredAt: number;
  /** Random, new for every acquisition: tells this acquisition's lock from a later one at the same path. */
  readonly nonce: string;
  readonly bootId: string | undefined;
  readonly pidNamespace: string | undefined;

  constructor(fields: {
    pid: number;
    hostname: string;
    acquiredAt: number;
    nonce: string;
    bootId?: string | undefined;
    pidNamespace?: string | undefined;
  }) {
    this.pid = fields.pid;
    this.hostname = fields.hostname;
    this.acquiredAt = fields.acquiredAt;
    this.nonce = fields.nonce;
    this.bootId = fields.bootId;
    this.pidNamespace = fields.pidNamespace;
  }

  /** This process, taking a lock at `now` (epoch milliseconds). */
  static create(now: number, host: HostIdentity): LockOwner {
    return new LockOwner({ pid: process.pid, ...host, acquiredAt: now, nonce: randomBytes(16).toString("hex") });
  }

  /** The record's file name inside the lock directory. */
  static fileName(nonce: string): string {
    return `owner-${nonce}.json`;
  }

  /** The nonce a record's file name carries, or undefined for any other name. */
  static nonceOf(fileName: string): string | undefined {
    return /^owner-([0-9a-f]{8,64})\.json$/.exec(fileName)?.[1];
  }

  /** The record in `text`, read from the file for `nonce`; undefined when it is not one (empty, cut short, another format, another nonce). */
  static parse(text: string, nonce: string): LockOwner | undefined {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return undefined;
    }
    if (typeof value !== "object" || value === null) return undefined;
    const { pid, hostname, acquiredAt, bootId, pidNamespace } = value as Record<string, unknown>;
    if ((value as Record<string, unknown>).nonce !== nonce) return undefined;
    // A pid of 0 or below would make process.kill(pid, 0) probe a whole process group.
    if (typeof pid !== "number" || !Number.isSafeInteger(pid) || pid <= 0) return undefined;
    if (typeof hostname !== "string" || typeof acquiredAt !== "string") return undefined;
    const at = Date.parse(acquiredAt);
    if (Number.isNaN(at)) return undefined;
    const optional = (field: unknown) => (typeof field === "string" && field !== "" ? field : undefined);
    return new LockOwner({ pid, hostname, acquiredAt: at, nonce, bootId: optional(bootId), pidNamespace: optional(pidNamespace) });
  }

  serialize(): string {
    return (
      JSON.stringify({
        pid: this.pid,
        hostname: this.hostname,
        acquiredAt: new Date(this.acquiredAt).toISOString(),
        nonce: this.nonce,
        bootId: this.bootId,
        pidNamespace: this.pidNamespace,
      }) + "\n"
    );
  }

  /** Whether this owner ran where `host` runs: its pid then names a process `host` can see (or none). */
  isOn(host: HostIdentity): boolean {
    return this.hostname === host.hostname && this.bootId === host.bootId && this.pidNamespace === host.pidNamespace;
  }

  /** For messages: `pid 1234 on host h since 2026-05-01T12:00:03Z`. */
  describe(): string {
    return `pid ${this.pid} on host ${this.hostname} since ${new Date(this.acquiredAt).toISOString().replace(/\.\d{3}Z$/, "Z")}`;
  }
}
