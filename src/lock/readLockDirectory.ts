import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

import { LockOwner } from "./LockOwner.js";

/** What a lock directory holds. */
export interface LockDirectoryContents {
  /** The owner, when the directory holds exactly one record and it can be read. */
  owner: LockOwner | undefined;
  /** The file names of the owner records in it (one, or none for a lock made by an older version). */
  records: string[];
  /** Anything else in it: no lock puts it there. */
  others: string[];
}

/**
 * Reads the lock directory `lockPath`. Rejects with ENOENT when it is gone; a directory that cannot
 * be listed or read tells nothing (no owner, nothing else in it), as for a lock without a record.
 */
export async function readLockDirectory(lockPath: string): Promise<LockDirectoryContents> {
  let names: string[];
  try {
    names = await readdir(lockPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw error;
    return { owner: undefined, records: [], others: [] };
  }
  const records = names.filter((name) => LockOwner.nonceOf(name) !== undefined);
  const others = names.filter((name) => LockOwner.nonceOf(name) === undefined);
  let owner: LockOwner | undefined;
  const [record] = records;
  if (records.length === 1 && record !== undefined) {
    const text = await readFile(join(lockPath, record), "utf8").catch(() => undefined);
    owner = text === undefined ? undefined : LockOwner.parse(text, LockOwner.nonceOf(record) as string);
  }
  return { owner, records, others };
}
