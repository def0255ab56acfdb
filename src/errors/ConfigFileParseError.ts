import { SsoConfigError } from "./SsoConfigError.js";

/**
 * A config or credentials file breaks the shared-file format. The message gives the file and line,
 * never the line's text: a credentials file holds secrets.
 */
export class ConfigFileParseError extends SsoConfigError {
  override name = "ConfigFileParseError";
  readonly path: string;
  readonly line: number;

  constructor(path: string, line: number, problem: string) {
    super(`${path}, line ${line}: ${problem}. Fix that line of the file.`);
    this.path = path;
    this.line = line;
  }
}
