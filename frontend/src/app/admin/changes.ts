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
        heading: $localize`:@@admin.change.makeAdmin.heading:Make ${name}:name: an admin?`,
        description: $localize`:@@admin.change.makeAdmin.description:Admins can change roles, ban and unban every account, and read the audit log.`,
        confirmLabel: $localize`:@@admin.change.makeAdmin.confirm:Make admin`,
        tone: 'primary',
      };
    case 'removeAdmin':
      return {
        heading: $localize`:@@admin.change.removeAdmin.heading:Remove ${name}:name: as admin?`,
        description: $localize`:@@admin.change.removeAdmin.description:They keep their account and their chats, but lose access to this console.`,
        confirmLabel: $localize`:@@admin.change.removeAdmin.confirm:Remove admin`,
        tone: 'danger',
      };
    case 'ban':
      return {
        heading: $localize`:@@admin.change.ban.heading:Ban ${name}:name:?`,
        description: $localize`:@@admin.change.ban.description:They are signed out on every device at once and cannot sign in again until unbanned.`,
        confirmLabel: $localize`:@@admin.change.ban.confirm:Ban user`,
        tone: 'danger',
      };
    case 'unban':
      return {
        heading: $localize`:@@admin.change.unban.heading:Unban ${name}:name:?`,
        description: $localize`:@@admin.change.unban.description:They can sign in again. Their sessions ended at the ban stay ended.`,
        confirmLabel: $localize`:@@admin.change.unban.confirm:Unban user`,
        tone: 'primary',
      };
    case 'erase':
      return {
        heading: $localize`:@@admin.change.erase.heading:Erase ${name}:name:’s account?`,
        description: $localize`:@@admin.change.erase.description:Their profile, friends, requests, sessions, pictures and videos are deleted for good, and they are signed out everywhere. Their messages stay for the people they wrote to, from “Deleted user”. This cannot be undone.`,
        confirmLabel: $localize`:@@admin.change.erase.confirm:Erase account`,
        tone: 'danger',
      };
  }
}

/** The announcement after a change went through. */
export function successMessage(change: AdminChange, user: AdminUserView): string {
  const name = user.displayName;
  switch (change) {
    case 'makeAdmin':
      return $localize`:@@admin.change.makeAdmin.done:${name}:name: is now an admin.`;
    case 'removeAdmin':
      return $localize`:@@admin.change.removeAdmin.done:${name}:name: is no longer an admin.`;
    case 'ban':
      return $localize`:@@admin.change.ban.done:${name}:name: is banned and was signed out everywhere.`;
    case 'unban':
      return $localize`:@@admin.change.unban.done:${name}:name: can sign in again.`;
    case 'erase':
      return $localize`:@@admin.change.erase.done:${name}:name:’s account and personal data were erased.`;
  }
}

/** "Could not ban Bob: You cannot ban yourself" */
export function failureMessage(change: AdminChange, user: AdminUserView, reason: string): string {
  const name = user.displayName;
  switch (change) {
    case 'makeAdmin':
      return $localize`:@@admin.change.makeAdmin.failed:Could not make ${name}:name: an admin: ${reason}:reason:`;
    case 'removeAdmin':
      return $localize`:@@admin.change.removeAdmin.failed:Could not remove ${name}:name: as admin: ${reason}:reason:`;
    case 'ban':
      return $localize`:@@admin.change.ban.failed:Could not ban ${name}:name:: ${reason}:reason:`;
    case 'unban':
      return $localize`:@@admin.change.unban.failed:Could not unban ${name}:name:: ${reason}:reason:`;
    case 'erase':
      return $localize`:@@admin.change.erase.failed:Could not erase ${name}:name:: ${reason}:reason:`;
  }
}
