import { homedir, userInfo } from "node:os";

import type { CallerWords } from "../errors/CallerWords.js";
import { HomeDirectoryNotFoundError } from "../errors/HomeDirectoryNotFoundError.js";

export interface ResolveHomeDirOptions {
  /** An explicit home directory: wins over everything else. */
  homeDir?: string | undefined;
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * The operating system's answer: by default `os.homedir()`, else the passwd entry's directory
   * (`os.homedir()` answers "" when HOME is set but empty, without looking at the passwd entry). Tests
   * stand for it to make the operating system fail too.
   */
  osHomeDir?: () => string;
  /** For the error's advice: the caller's own names for settings. */
  words?: CallerWords;
  /** For the error's advice: what needs the home directory. */
  neededBy?: "paths" | "sdk-clients";
}

/**
 * The home directory, found as the AWS SDKs find it: `homeDir` when given, else HOME, else USERPROFILE,
 * else HOMEDRIVE + HOMEPATH (HOMEDRIVE defaulting to `C:`, as in the SDK), else `os.homedir()`, else the
 * passwd entry's (HOME="" makes `os.homedir()` answer "", where the SDK would use paths relative to the
 * current directory: the passwd entry is the user's home, and no error needs to say otherwise).
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
    fromOs = (options.osHomeDir ?? systemHomeDir)();
  } catch (error) {
    // os.homedir() throws when the user has no passwd entry (a container running as a bare uid).
    throw new HomeDirectoryNotFoundError({ cause: error, words: options.words, neededBy: options.neededBy });
  }
  if (!fromOs) throw new HomeDirectoryNotFoundError({ words: options.words, neededBy: options.neededBy });
  return fromOs;
}

function systemHomeDir(): string {
  return homedir() || userInfo().homedir;
}
