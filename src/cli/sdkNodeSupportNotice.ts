/**
 * When the AWS SDK for JavaScript (v3) stops supporting a Node.js version, as the SDK itself says.
 * Each entry: Node.js majors below `needsMajor` are dropped by SDK releases published from `from` on
 * (epoch milliseconds; undefined: the releases this package installs already need it), `when` being
 * the SDK's own words for that date.
 */
const SDK_NODE_FLOORS: readonly { needsMajor: number; from: number | undefined; when: string }[] = Object.freeze([
  // The SDK clients this package depends on (@aws-sdk/client-sso, client-sso-oidc 3.1164 and their
  // @aws-sdk/core 3.981) declare "engines": { "node": ">=20.0.0" }.
  { needsMajor: 20, from: undefined, when: "" },
  // @aws-sdk/core 3.981, emitWarningIfUnsupportedVersion (the NodeVersionSupportWarning): below
  // Node.js 22, "versions published after the first week of January 2027 will require node >=22".
  { needsMajor: 22, from: Date.UTC(2027, 0, 8), when: "early January 2027" },
]);

/**
 * One line for `aws-sso-creds status` on a Node.js version that AWS SDK releases drop, or undefined
 * when the SDK has announced no end for it. `nodeVersion` is `process.versions.node` (a leading "v"
 * is allowed), `now` epoch milliseconds (the Clock's `now()`).
 *
 * "Node.js 20.20.2: AWS SDK for JavaScript releases after early January 2027 need Node.js 22 or later"
 */
export function sdkNodeSupportNotice(nodeVersion: string, now: number): string | undefined {
  const version = nodeVersion.replace(/^v/, "");
  const major = /^(\d+)\./.exec(version)?.[1];
  if (major === undefined) return undefined;
  const floor = SDK_NODE_FLOORS.find(({ needsMajor }) => Number(major) < needsMajor);
  if (floor === undefined) return undefined;
  const releases =
    floor.from === undefined
      ? "current AWS SDK for JavaScript releases"
      : `AWS SDK for JavaScript releases ${now < floor.from ? "after" : "since"} ${floor.when}`;
  return `Node.js ${version}: ${releases} need Node.js ${floor.needsMajor} or later`;
}
