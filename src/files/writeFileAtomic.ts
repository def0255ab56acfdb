import { randomBytes } from "node:crypto";
import { chmod, mkdir, open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join, relative, sep } from "node:path";

/**
 * Replaces a file atomically: the text goes to a temp file in the same directory, is flushed to
 * disk, made 0600 and renamed over the target. A reader sees the old file or the new one, never a
 * part of either; a failure or a crash leaves at most a stray `.tmp` file (removed on failure).
 * Directories it creates are made 0700, whatever the umask. Rejects with the file system's error.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await makePrivateDir(dir);
    const handle = await open(temp, "wx", 0o600);
    try {
      await handle.chmod(0o600);
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDir(dir);
}

/** Creates `dir` and any missing parents, each made 0700 whatever the umask; an existing directory is left as it is. */
export async function makePrivateDir(dir: string): Promise<void> {
  const firstCreated = await mkdir(dir, { recursive: true, mode: 0o700 });
  if (firstCreated === undefined) return;
  // mkdir's mode is masked by the umask; set each directory it created explicitly.
  let current = firstCreated;
  await chmod(current, 0o700);
  for (const part of relative(firstCreated, dir).split(sep).filter(Boolean)) {
    current = join(current, part);
    await chmod(current, 0o700);
  }
}

/** Makes the rename itself durable. Not every platform can fsync a directory; that is not an error. */
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort only: the file itself is already synced and renamed
  }
}
