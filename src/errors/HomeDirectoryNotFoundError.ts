import { SsoConfigError } from "./SsoConfigError.js";

/**
 * Neither the environment nor the operating system says where the home directory is, and a default path
 * needs it. Without a home there is no default config file, so (like a missing profile) a chain may try its next provider.
 */
export class HomeDirectoryNotFoundError extends SsoConfigError {
  override name = "HomeDirectoryNotFoundError";

  constructor(options: { cause?: unknown } = {}) {
    super(
      "Cannot find the home directory: HOME, USERPROFILE and HOMEPATH are not set and the operating system reports none. " +
        "Set HOME, or pass the configFilepath, filepath and cacheDir options explicitly.",
      { cause: options.cause, tryNextLink: true },
    );
  }
}
