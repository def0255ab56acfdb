import { readFile, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

import { writeFileAtomic } from "../files/writeFileAtomic.js";
import type { LoginFlow } from "./LoginFlow.js";

/** Where a login stands: started, done, or failed (and why, in the words of its error). */
export interface LoginNoteRecord {
  readonly pid: number;
  readonly flow: LoginFlow;
  readonly startedAt: string;
  readonly outcome: "in-progress" | "succeeded" | "failed";
  readonly finishedAt?: string;
  readonly errorName?: string;
  /** Our errors' messages hold no secret; this is one of them. */
  readonly errorMessage?: string;
}

/**
 * A note, beside a token cache file, about the login in progress (or last finished) for it, written
 * by the process holding the login lock: which process, since when, and how it ended. Processes
 * waiting for that login read it to say whom they wait for, and to fail with the same error when it
 * fails. It holds no secret, and it is a dot-file that is not `*.json` (`.<sha1>.json.login`), so the
 * AWS CLI, the SDKs and tools scanning the cache for `*.json` never read it.
 */
export class LoginNote {
  readonly record: LoginNoteRecord;

  private constructor(record: LoginNoteRecord) {
    this.record = record;
  }

  static pathFor(tokenPath: string): string {
    return join(dirname(tokenPath), `.${basename(tokenPath)}.login`);
  }

  /** The note, or undefined when there is none or it cannot be read (it is only a hint). */
  static async read(tokenPath: string): Promise<LoginNote | undefined> {
    let value: unknown;
    try {
      value = JSON.parse(await readFile(LoginNote.pathFor(tokenPath), "utf8"));
    } catch {
      return undefined;
    }
    if (typeof value !== "object" || value === null) return undefined;
    const record = value as Record<string, unknown>;
    if (typeof record.pid !== "number" || typeof record.startedAt !== "string") return undefined;
    if (record.outcome !== "in-progress" && record.outcome !== "succeeded" && record.outcome !== "failed") return undefined;
    return new LoginNote(record as unknown as LoginNoteRecord);
  }

  static async write(tokenPath: string, record: LoginNoteRecord): Promise<void> {
    await writeFileAtomic(LoginNote.pathFor(tokenPath), `${JSON.stringify(record)}\n`);
  }

  /** Never rejects. */
  static async remove(tokenPath: string): Promise<void> {
    await unlink(LoginNote.pathFor(tokenPath)).catch(() => undefined);
  }

  get startedAt(): Date | undefined {
    return validDate(this.record.startedAt);
  }

  /** When the login ended, if it has. */
  get finishedAt(): Date | undefined {
    return this.record.finishedAt === undefined ? undefined : validDate(this.record.finishedAt);
  }

  /** Whether the login ended (with `outcome`) at or after `sinceMs`. */
  endedSince(outcome: "succeeded" | "failed", sinceMs: number): boolean {
    const finished = this.finishedAt;
    return this.record.outcome === outcome && finished !== undefined && finished.getTime() >= sinceMs;
  }
}

function validDate(text: string): Date | undefined {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
