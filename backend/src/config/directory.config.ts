import { registerAs } from '@nestjs/config';

import { loadEnv } from './env.validation';

/**
 * Who may chat with whom (DIRECT_MESSAGES): `friends` (the default) or `everyone` (any two active colleagues,
 * without a friend request). FriendsService.assertMayMessage applies it; presence follows it (PresenceAudience).
 * The same rule says whom one may put in a group, of at most GROUP_MAX_MEMBERS members (default 256).
 */
export const directoryConfig = registerAs('directory', () => ({
  directMessages: loadEnv().DIRECT_MESSAGES ?? 'friends',
  groupMaxMembers: loadEnv().GROUP_MAX_MEMBERS ?? 256,
}));
export type DirectoryConfig = ReturnType<typeof directoryConfig>;
