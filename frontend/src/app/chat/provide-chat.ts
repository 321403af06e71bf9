import { type EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';

import * as idlePresenceEffects from '../notifications/idle-presence-effects';
import * as notificationSettingsEffects from '../notifications/notification-settings-effects';
import * as chatSocketEffects from './state/chat-socket-effects';
import * as conversationsEffects from './state/conversations-effects';
import { conversationsFeature } from './state/conversations-feature';
import * as draftsEffects from './state/drafts-effects';
import { draftsFeature } from './state/drafts-feature';
import * as jumpEffects from './state/jump-effects';
import * as mediaEffects from './state/media-effects';
import * as messagesEffects from './state/messages-effects';
import { messagesFeature } from './state/messages-feature';
import * as notificationEffects from './state/notification-effects';
import * as receiptsEffects from './state/receipts-effects';
import * as richEffects from './state/rich-effects';
import * as typingEffects from './state/typing-effects';

/**
 * The chat state and effects, at the root: the socket delivers messages, receipts and the unread count whatever
 * page is shown.
 */
export function provideChat(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideState(conversationsFeature),
    provideState(messagesFeature),
    provideState(draftsFeature),
    provideEffects(
      conversationsEffects,
      messagesEffects,
      mediaEffects,
      chatSocketEffects,
      receiptsEffects,
      richEffects,
      jumpEffects,
      typingEffects,
      notificationEffects,
      draftsEffects,
      notificationSettingsEffects,
      idlePresenceEffects,
    ),
  ]);
}
