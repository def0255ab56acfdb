import { SsoConfigError } from "./SsoConfigError.js";

/** A field has a value that cannot be right (a region that is not a region, a start URL that is not https). */
export class InvalidSsoConfigError extends SsoConfigError {
  override name = "InvalidSsoConfigError";
  readonly field: string;
  /** Where the value came from: a section of a file, or an option. */
  readonly source: string;

  constructor(field: string, source: string, problem: string, fix: string) {
    super(`${field} in ${source} ${problem}. ${fix}`);
    this.field = field;
    this.source = source;
  }
}
