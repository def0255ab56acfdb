import { SsoConfigError } from "./SsoConfigError.js";

export interface ConfigFileParseErrorOptions {
  path: string;
  /** 1-based. */
  line: number;
  /** What is wrong with the line, without its text. */
  problem: string;
}

/**
 * A config or credentials file breaks the shared-file format. The message gives the file and line,
 * never the line's text: a credentials file holds secrets.
 */
export class ConfigFileParseError extends SsoConfigError {
  override name = "ConfigFileParseError";
  readonly path: string;
  readonly line: number;

  constructor(options: ConfigFileParseErrorOptions) {
    super(`${options.path}, line ${options.line}: ${options.problem}. Fix that line of the file.`);
    this.path = options.path;
    this.line = options.line;
  }
}
