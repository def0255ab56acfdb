import { readFile } from "node:fs/promises";

/**
 * Whether no process `pid` exists on this host any more (or only its zombie, which never runs
 * again: a process killed while its parent has not yet collected it). `EPERM` means it exists
 * and belongs to someone else. When in doubt, it is not gone.
 */
export async function processIsGone(pid: number): Promise<boolean> {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
  if (process.platform !== "linux") return false;
  // /proc/<pid>/stat: "pid (command) state ...", where the command may itself hold ") ".
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => undefined);
  const state = stat?.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
  return state === "Z" || state === "X";
}
