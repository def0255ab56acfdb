import { libraryWords, settingWithValue, type CallerWords } from "./CallerWords.js";
import { SsoConfigError } from "./SsoConfigError.js";

/** A `credential_process` that runs aws-sso-creds, and the `--profile` it passes (undefined: none). */
export interface OwnCredentialProcess {
  command: string;
  profile: string | undefined;
}

export interface NotSsoProfileErrorOptions {
  profile: string;
  path: string;
  /** The profile's `credential_process` runs aws-sso-creds: it is the profile made for the AWS CLI and the SDKs. */
  ownCredentialProcess?: OwnCredentialProcess;
  /** The SSO profiles the file has, for the message. */
  ssoProfiles?: readonly string[];
  words?: CallerWords;
}

/**
 * The profile exists but has neither `sso_session` nor `sso_start_url`. A chain may try its next provider.
 * When the profile is the one that runs aws-sso-creds (`credential_process = aws-sso-creds credential-process
 * --profile dev`), the message says to pass the SSO profile it names: running `aws configure sso` on it, the
 * usual advice, would overwrite it. When it names itself (or nothing), it says that is a loop.
 */
export class NotSsoProfileError extends SsoConfigError {
  override name = "NotSsoProfileError";
  readonly profile: string;
  readonly path: string;
  readonly ownCredentialProcess: OwnCredentialProcess | undefined;

  constructor(options: NotSsoProfileErrorOptions) {
    const { profile, path, ownCredentialProcess: own } = options;
    const words = options.words ?? libraryWords;
    const ssoProfiles = options.ssoProfiles ?? [];
    const known = ssoProfiles.length > 0 ? ` (SSO profiles in that file: ${ssoProfiles.join(", ")})` : "";
    let message: string;
    if (own === undefined) {
      message =
        `Profile "${profile}" in ${path} is not an SSO profile: it sets neither sso_session nor sso_start_url. ` +
        (ssoProfiles.length > 0
          ? `Pass an SSO profile instead${known}, or make this one an SSO profile with: aws configure sso --profile ${profile}`
          : `Configure it with: aws configure sso --profile ${profile}`);
    } else {
      const runs = `Profile "${profile}" in ${path} runs aws-sso-creds itself (credential_process = ${own.command})`;
      const fix = `Its credential_process must name the SSO profile the credentials come from${known}: credential_process = aws-sso-creds credential-process --profile <SSO profile>`;
      if (own.profile === undefined) {
        message = `${runs} without --profile, so that command reads AWS_PROFILE, else "default", and can come back to this very profile. ${fix}`;
      } else if (own.profile === profile) {
        message = `${runs} and names this same profile: it would run that command again, without end. ${fix}`;
      } else {
        message =
          `${runs}: it is the profile for the AWS CLI and the SDKs, not an SSO profile aws-sso-creds can read. ` +
          `Pass ${settingWithValue(words, "profile", own.profile)} instead, the SSO profile it uses.`;
      }
    }
    super(message, { tryNextLink: true });
    this.profile = profile;
    this.path = path;
    this.ownCredentialProcess = own;
  }
}
