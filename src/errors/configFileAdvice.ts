import { libraryWords, type CallerWords } from "./CallerWords.js";

/**
 * How to create a config file that does not exist, for the error that meets a new user first and for
 * `status`: the AWS CLI v2's `aws configure sso`, or three lines of `[sso-session]` written by hand, a
 * login, and the profiles written by `aws-sso-creds list --config` (no account id or role name to look up).
 */
export function configFileAdvice(path: string, words: CallerWords = libraryWords): string {
  return (
    "Create it with the AWS CLI v2 (aws configure sso), or write these three lines to it, with your IAM Identity Center start URL and region, " +
    "then log in and add a profile for each account and role you may use:\n" +
    "  [sso-session my-sso]\n" +
    "  sso_start_url = https://my-sso-portal.awsapps.com/start\n" +
    "  sso_region = us-east-1\n" +
    `  aws-sso-creds login --sso-session my-sso && aws-sso-creds list --sso-session my-sso --config >> ${path}\n` +
    `If your config file is elsewhere, set ${words.setting("configFilepath")} to its path.`
  );
}
