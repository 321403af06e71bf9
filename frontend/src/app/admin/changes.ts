import type { AdminUserView } from '@contracts/users';

import type { AdminChange } from './admin-actions';

/** What the confirmation dialog says before a change. */
export interface ChangeConfirmation {
  heading: string;
  description: string;
  confirmLabel: string;
  tone: 'primary' | 'danger';
}

export function confirmationFor(change: AdminChange, user: AdminUserView): ChangeConfirmation {
  const name = user.displayName;
  switch (change) {
    case 'makeAdmin':
      return {
        heading: `Make ${name} an admin?`,
        description: 'Admins can change roles, ban and unban every account, and read the audit log.',
        confirmLabel: 'Make admin',
        tone: 'primary',
      };
    case 'removeAdmin':
      return {
        heading: `Remove ${name} as admin?`,
        description: 'They keep their account and their chats, but lose access to this console.',
        confirmLabel: 'Remove admin',
        tone: 'danger',
      };
    case 'ban':
      return {
        heading: `Ban ${name}?`,
        description: 'They are signed out on every device at once and cannot sign in again until unbanned.',
        confirmLabel: 'Ban user',
        tone: 'danger',
      };
    case 'unban':
      return {
        heading: `Unban ${name}?`,
        description: 'They can sign in again. Their sessions ended at the ban stay ended.',
        confirmLabel: 'Unban user',
        tone: 'primary',
      };
    case 'erase':
      return {
        heading: `Erase ${name}’s account?`,
        description:
          'Their profile, friends, requests, sessions, pictures and videos are deleted for good, and they are ' +
          'signed out everywhere. Their messages stay for the people they wrote to, from “Deleted user”. ' +
          'This cannot be undone.',
        confirmLabel: 'Erase account',
        tone: 'danger',
      };
  }
}

/** The announcement after a change went through. */
export function successMessage(change: AdminChange, user: AdminUserView): string {
  const name = user.displayName;
  switch (change) {
    case 'makeAdmin':
      return `${name} is now an admin.`;
    case 'removeAdmin':
      return `${name} is no longer an admin.`;
    case 'ban':
      return `${name} is banned and was signed out everywhere.`;
    case 'unban':
      return `${name} can sign in again.`;
    case 'erase':
      return `${name}’s account and personal data were erased.`;
  }
}

/** "Could not ban Bob: You cannot ban yourself" */
export function failureMessage(change: AdminChange, user: AdminUserView, reason: string): string {
  const name = user.displayName;
  const what = {
    makeAdmin: `make ${name} an admin`,
    removeAdmin: `remove ${name} as admin`,
    ban: `ban ${name}`,
    unban: `unban ${name}`,
    erase: `erase ${name}`,
  }[change];
  return `Could not ${what}: ${reason}`;
}
