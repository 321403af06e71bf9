/**
 * How a portal names a person: by account id, username, e-mail address or external id (the SSO subject).
 * Deep links (/u/…), the embed API and service tokens all resolve people through this one shape.
 */
export type UserRef = { userId: string } | { username: string } | { email: string } | { externalId: string };

export const USER_REF_KINDS = ['userId', 'username', 'email', 'externalId'] as const;
export type UserRefKind = (typeof USER_REF_KINDS)[number];

/** The query that finds the account a reference names (usernames and addresses are stored lowercased). */
export function userRefFilter(ref: UserRef): Record<string, string> {
  if ('userId' in ref) return { _id: ref.userId };
  if ('username' in ref) return { username: ref.username.trim().toLowerCase() };
  if ('email' in ref) return { email: ref.email.trim().toLowerCase() };
  return { externalId: ref.externalId };
}
