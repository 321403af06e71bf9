import type { CurrentUserView, UserSettings } from '@contracts/users';
import { createActionGroup, emptyProps, props } from '@ngrx/store';

/** The notification settings in the profile. */
export const NotificationSettingsActions = createActionGroup({
  source: 'Notification Settings',
  events: {
    /** The browser granted the permission after the person's click. */
    'Desktop Turned On': emptyProps(),
    'Desktop Turned Off': emptyProps(),
    'Settings Changed': props<{ settings: Partial<Pick<UserSettings, 'emailNotifications' | 'doNotDisturbUntil'>> }>(),
  },
});

/** Muting the open conversation. `until` null: until unmuted. */
export const MuteMenuActions = createActionGroup({
  source: 'Mute Menu',
  events: {
    'Mute Chosen': props<{ conversationId: string; until: string | null }>(),
    'Unmute Chosen': props<{ conversationId: string }>(),
  },
});

export const NotificationsApiActions = createActionGroup({
  source: 'Notifications/API',
  events: {
    'Settings Saved': props<{ user: CurrentUserView }>(),
    'Settings Save Failed': props<{ error: string }>(),
    'Mute Changed': props<{ conversationId: string; muted: boolean; mutedUntil: string | null }>(),
    'Mute Failed': props<{ conversationId: string; error: string }>(),
  },
});
