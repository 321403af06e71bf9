import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { registerAs } from '@nestjs/config';
import { generateVAPIDKeys } from 'web-push';

import { dataDirOf, type EnvironmentVariables, loadEnv } from './env.validation';
import { parseAllowHosts } from './webhooks.config';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

/** Notifications outside the tab: Web Push (VAPID) and the missed-message e-mail. */
export const notificationsConfig = registerAs('notifications', () => {
  const env = loadEnv();
  const minutes = env.MISSED_MESSAGE_EMAIL_MINUTES ?? 15;
  return {
    /** Null: Web Push is off (production without VAPID keys). */
    vapid: vapidKeysOf(env),
    /** Private or loopback push endpoints that are allowed all the same (PUSH_ALLOW_HOSTS; tests, on-premise services). */
    pushAllowHosts: parseAllowHosts(env.PUSH_ALLOW_HOSTS, 'PUSH_ALLOW_HOSTS'),
    pushTimeoutMs: 10_000,
    /** How long a message stays unread, with its reader offline, before the e-mail goes; null: no e-mails. */
    missedMessageDelayMs: minutes > 0 ? Math.round(minutes * 60_000) : null,
  };
});
export type NotificationsConfig = ReturnType<typeof notificationsConfig>;

/** Given keys, else keys generated once into the data directory outside production (like the other dev secrets). */
function vapidKeysOf(env: EnvironmentVariables): VapidKeys | null {
  const subject = env.VAPID_SUBJECT ?? `mailto:${env.ADMIN_EMAIL ?? 'admin@localhost'}`;
  if (env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY)
    return { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY, subject };
  if (env.NODE_ENV === 'production') return null;
  const dir = dataDirOf(env);
  const file = join(dir, 'vapid-keys.json');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, JSON.stringify(generateVAPIDKeys()), { mode: 0o600 });
  }
  const { publicKey, privateKey } = JSON.parse(readFileSync(file, 'utf8')) as Omit<VapidKeys, 'subject'>;
  return { publicKey, privateKey, subject };
}
