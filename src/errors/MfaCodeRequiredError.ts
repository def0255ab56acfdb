import { SsoConfigError } from "./SsoConfigError.js";

export interface MfaCodeRequiredErrorOptions {
  /** The profile with `mfa_serial`. */
  profile: string;
  /** Its `mfa_serial`: the MFA device (not a secret). */
  mfaSerial: string;
  /** How the caller gives a code, as a sentence; default: the library's `mfaCodeProvider` option. */
  fix?: string;
  cause?: unknown;
}

/** The role needs an MFA code (`mfa_serial`) and there is no way to ask for one. */
export class MfaCodeRequiredError extends SsoConfigError {
  override name = "MfaCodeRequiredError";
  readonly profile: string;
  readonly mfaSerial: string;

  constructor(options: MfaCodeRequiredErrorOptions) {
    const { profile, mfaSerial } = options;
    super(
      `Profile "${profile}" requires multi-factor authentication (mfa_serial = ${mfaSerial}), and no MFA code could be asked for. ` +
        (options.fix ?? "Pass an mfaCodeProvider option: fromSSO({ mfaCodeProvider: async (mfaSerial) => code }), a function that resolves with the 6-digit code."),
      { cause: options.cause },
    );
    this.profile = profile;
    this.mfaSerial = mfaSerial;
  }
}
