import { libraryWords, type CallerWords } from "./CallerWords.js";
import { SsoConfigError } from "./SsoConfigError.js";

export interface SharedConfigFileReadErrorOptions {
  path: string;
  /** The file system error (its `code` is shown). */
  cause: unknown;
  words?: CallerWords;
}

/** The shared config or credentials file exists but cannot be read (a directory, no permission...). A missing file is not this error. */
export class SharedConfigFileReadError extends SsoConfigError {
  override name = "SharedConfigFileReadError";
  readonly path: string;

  constructor(options: SharedConfigFileReadErrorOptions) {
    const { path, cause } = options;
    const words = options.words ?? libraryWords;
    const code = (cause as { code?: unknown } | null)?.code;
    super(
      `Cannot read ${path}${typeof code === "string" ? ` (${code})` : ""}. ` +
        "Check that this path is a regular file your user may read, or point AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE " +
        `(or ${words.setting("configFilepath")} / ${words.setting("filepath")}) at the right file.`,
      { cause },
    );
    this.path = path;
  }
}
