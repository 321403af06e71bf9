import { registerAs } from '@nestjs/config';

import { loadEnv } from './env.validation';

/**
 * Who may chat with whom (DIRECT_MESSAGES): `friends` (the default) or `everyone` (any two active colleagues,
 * without a friend request). FriendsService.assertMayMessage applies it; presence follows it (PresenceAudience).
 */
export const directoryConfig = registerAs('directory', () => ({
  directMessages: loadEnv().DIRECT_MESSAGES ?? 'friends',
}));
export type DirectoryConfig = ReturnType<typeof directoryConfig>;
