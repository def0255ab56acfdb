import { homedir } from "node:os";

import type { CallerWords } from "../errors/CallerWords.js";
import { HomeDirectoryNotFoundError } from "../errors/HomeDirectoryNotFoundError.js";

export interface ResolveHomeDirOptions {
  /** An explicit home directory: wins over everything else. */
  homeDir?: string | undefined;
  env?: Readonly<Record<string, string | undefined>>;
  /** Stands for `os.homedir`, so that tests can make the operating system fail too. */
  osHomeDir?: () => string;
  /** For the error's advice: the caller's own names for settings. */
  words?: CallerWords;
  /** For the error's advice: what needs the home directory. */
  neededBy?: "paths" | "sdk-clients";
}

/**
 * The home directory, found as the AWS SDKs find it: `homeDir` when given, else HOME, else USERPROFILE,
 * else HOMEDRIVE + HOMEPATH (HOMEDRIVE defaulting to `C:`, as in the SDK), else `os.homedir()`.
 * Empty values count as unset. Throws `HomeDirectoryNotFoundError` when none of them yields a directory.
 */
export function resolveHomeDir(options: ResolveHomeDirOptions = {}): string {
  const env = options.env ?? process.env;
  if (options.homeDir) return options.homeDir;
  if (env.HOME) return env.HOME;
  if (env.USERPROFILE) return env.USERPROFILE;
  if (env.HOMEPATH) return `${env.HOMEDRIVE || "C:"}${env.HOMEPATH}`;
  let fromOs: string;
  try {
    fromOs = (options.osHomeDir ?? homedir)();
  } catch (error) {
    // os.homedir() throws when the user has no passwd entry (a container running as a bare uid).
    throw new HomeDirectoryNotFoundError({ cause: error, words: options.words, neededBy: options.neededBy });
  }
  if (!fromOs) throw new HomeDirectoryNotFoundError({ words: options.words, neededBy: options.neededBy });
  return fromOs;
}
