import { unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

import { readSmallFile } from "../files/readSmallFile.js";
import { writeFileAtomic } from "../files/writeFileAtomic.js";
import type { LoginFlow } from "./LoginFlow.js";

/** Where a login stands: started, done, or failed (and why, in the words of its error). */
export interface LoginNoteRecord {
  /** One login's own id: random, so two logins in the same millisecond are still told apart. */
  readonly id: string;
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
    // A FIFO, a link or a giant file there is not a note: never block on it or follow it.
    const read = await readSmallFile(LoginNote.pathFor(tokenPath), 64 * 1024);
    if (read.kind !== "text") return undefined;
    let value: unknown;
    try {
      value = JSON.parse(read.text);
    } catch {
      return undefined;
    }
    if (typeof value !== "object" || value === null) return undefined;
    const record = value as Record<string, unknown>;
    if (typeof record.id !== "string" || typeof record.pid !== "number" || typeof record.startedAt !== "string") return undefined;
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

  /**
   * Whether a login ended with `outcome` after `before` was read: this note says so, and it is not
   * the note `before` was (another login, or the same one that was still in progress then).
   */
  endedSince(outcome: "succeeded" | "failed", before: LoginNote | undefined): boolean {
    if (this.record.outcome !== outcome) return false;
    return before === undefined || before.record.id !== this.record.id || before.record.outcome !== this.record.outcome;
  }
}

function validDate(text: string): Date | undefined {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
