/** The options every command takes. */
export const COMMON_OPTIONS = {
  profile: { type: "string" },
  verbose: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** The help lines of {@link COMMON_OPTIONS}. */
export const COMMON_OPTIONS_HELP = `  --profile P   the SSO profile (default: AWS_PROFILE, else "default")
  --verbose     progress and debug lines on stderr (progress is shown anyway when stderr is a terminal)
  -h, --help    this help`;

/** `--profile`, else AWS_PROFILE, else `default`: the order the SDKs use. */
export function resolveProfileName(option: string | undefined, env: NodeJS.ProcessEnv): string {
  return option || env.AWS_PROFILE || "default";
}
