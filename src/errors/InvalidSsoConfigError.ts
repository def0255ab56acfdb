import { SsoConfigError } from "./SsoConfigError.js";

export interface InvalidSsoConfigErrorOptions {
  /** The field (`sso_region`) or option (`ssoRegion`) holding the value. */
  field: string;
  /** Where the value came from: a section of a file, or the options. */
  source: string;
  /** What is wrong, as a predicate: `is "US EAST", which is not an AWS region`. */
  problem: string;
  /** The sentence that says how to fix it. */
  fix: string;
}

/** A field has a value that cannot be right (a region that is not a region, a start URL that is not https). */
export class InvalidSsoConfigError extends SsoConfigError {
  override name = "InvalidSsoConfigError";
  readonly field: string;
  readonly source: string;

  constructor(options: InvalidSsoConfigErrorOptions) {
    super(`${options.field} in ${options.source} ${options.problem}. ${options.fix}`);
    this.field = options.field;
    this.source = options.source;
  }
}
