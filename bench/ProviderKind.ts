/** The two providers the bench compares: ours (the built package) and `@aws-sdk/credential-providers`. */
export type ProviderKind = "ours" | "sdk";

export const PROVIDER_KINDS: readonly ProviderKind[] = Object.freeze(["ours", "sdk"]);
