import { libraryWords, type CallerWords } from "./CallerWords.js";
import { SsoConfigError } from "./SsoConfigError.js";

export interface HomeDirectoryNotFoundErrorOptions {
  /**
   * Why the operating system gave none, when it threw: the user has no passwd entry (a container running
   * as a bare uid). Without a cause, the passwd entry was found and names no home directory.
   */
  cause?: unknown;
  /**
   * `sdk-clients`: the paths were all given, but the AWS SDK clients this library makes read
   * ~/.aws/config for their own settings and cannot run without a home directory.
   */
  neededBy?: "paths" | "sdk-clients";
  words?: CallerWords;
}

/**
 * Neither the environment nor the operating system says where the home directory is, and a default path
 * needs it. Without a home there is no default config file, so (like a missing profile) a chain may try its next provider.
 */
export class HomeDirectoryNotFoundError extends SsoConfigError {
  override name = "HomeDirectoryNotFoundError";

  constructor(options: HomeDirectoryNotFoundErrorOptions = {}) {
    const words = options.words ?? libraryWords;
    const homeDir = words.setting("homeDir");
    const system =
      options.cause === undefined
        ? "this user's passwd entry names no home directory"
        : "this user has no passwd entry (as in a container run with a bare numeric user id)";
    super(
      `Cannot find the home directory: HOME, USERPROFILE and HOMEPATH are not set (or are empty), and ${system}. ` +
        (options.neededBy === "sdk-clients"
          ? "The AWS SDK clients need one for their own settings (~/.aws/config) even when every path is given: set HOME (any directory will do)."
          : `Set HOME (any directory will do)${homeDir === "HOME" ? "" : `, or set ${homeDir}`}.`),
      { cause: options.cause, tryNextLink: true },
    );
  }
}
