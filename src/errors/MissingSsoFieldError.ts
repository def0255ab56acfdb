import { SsoConfigError } from "./SsoConfigError.js";

export interface MissingSsoFieldErrorOptions {
  field: string;
  /** The section that should hold it, as written in the file: `profile dev` or `sso-session my-sso`. */
  section: string;
  path: string;
}

/** A field SSO needs is absent from the profile or from its `[sso-session]` section. */
export class MissingSsoFieldError extends SsoConfigError {
  override name = "MissingSsoFieldError";
  readonly field: string;
  readonly section: string;
  readonly path: string;

  constructor(options: MissingSsoFieldErrorOptions) {
    const { field, section, path } = options;
    super(`[${section}] in ${path} is missing ${field}. Add "${field} = ..." to that section, or run: aws configure sso`);
    this.field = field;
    this.section = section;
    this.path = path;
  }
}
