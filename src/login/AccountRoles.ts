/** An account the session can reach, and the roles (permission sets) it may use there. */
export interface AccountRoles {
  readonly accountId: string;
  readonly accountName: string | undefined;
  readonly emailAddress: string | undefined;
  /** Role names, in the service's order. */
  readonly roles: readonly string[];
}
