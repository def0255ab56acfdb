import { homedir } from "node:os";
import { HomeDirectoryNotFoundError } from "../errors/HomeDirectoryNotFoundError.js";

/**
 * The home directory, found as the AWS SDKs find it: `homeDir` when given, else HOME, else USERPROFILE,
 * else HOMEDRIVE + HOMEPATH (HOMEDRIVE defaulting to `C:`, as in the SDK), else `os.homedir()`.
 * Empty values count as unset. Throws `HomeDirectoryNotFoundError` when none of them yields a directory.
 *
 * `osHomeDir` stands for `os.homedir` so that tests can make the operating system fail too.
 */
export function resolveHomeDir(
  homeDir?: string,
  env: NodeJS.ProcessEnv = process.env,
  osHomeDir: () => string = homedir,
): string {
  if (homeDir) return homeDir;
  if (env.HOME) return env.HOME;
  if (env.USERPROFILE) return env.USERPROFILE;
  if (env.HOMEPATH) return `${env.HOMEDRIVE || "C:"}${env.HOMEPATH}`;
  let fromOs: string;
  try {
    fromOs = osHomeDir();
  } catch (error) {
    // os.homedir() throws when the user has no passwd entry (a container running as a bare uid).
    throw new HomeDirectoryNotFoundError({ cause: error });
  }
  if (!fromOs) throw new HomeDirectoryNotFoundError();
  return fromOs;
}
