import type { CallerWords, SettingName } from "../errors/CallerWords.js";

const CLI_SETTINGS: Readonly<Record<SettingName, string>> = {
  profile: "--profile",
  configFilepath: "AWS_CONFIG_FILE",
  filepath: "AWS_SHARED_CREDENTIALS_FILE",
  cacheDir: "HOME (the cache is $HOME/.aws/sso/cache)",
  homeDir: "HOME",
  requestTimeoutMs: "the CLI's limit for one call",
  flow: "--use-device-code",
  redirectPort: "--redirect-port",
};

/** How `aws-sso-creds` names its settings in error messages: its flags and the variables it reads. */
export const cliWords: CallerWords = Object.freeze({
  setting: (name: SettingName) => CLI_SETTINGS[name],
  settingWithValue: (name: SettingName, value: string) => {
    const setting = CLI_SETTINGS[name];
    const word = /^[A-Za-z0-9_./:@%+=-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
    return setting.startsWith("--") ? `${setting} ${word}` : `${setting.split(" ")[0] ?? setting}=${word}`;
  },
  otherProfileProvider: (profile: string) => `the AWS CLI or an AWS SDK directly (aws ... --profile ${profile})`,
});
