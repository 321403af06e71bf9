import { makeEnvironmentProviders, type EnvironmentProviders } from '@angular/core';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import * as chatSocketEffects from './chat-socket-effects';
import * as conversationsEffects from './conversations-effects';
import { conversationsFeature } from './conversations-feature';
import * as mediaEffects from './media-effects';
import * as messagesEffects from './messages-effects';
import { messagesFeature } from './messages-feature';
import * as notificationEffects from './notification-effects';
import * as receiptsEffects from './receipts-effects';
import * as typingEffects from './typing-effects';

/**
 * The chat state and effects, at the root: the socket delivers messages, receipts and the unread count whatever
 * page is shown.
 */
export function provideChat(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideState(conversationsFeature),
    provideState(messagesFeature),
    provideEffects(
      conversationsEffects,
      messagesEffects,
      mediaEffects,
      chatSocketEffects,
      receiptsEffects,
      typingEffects,
      notificationEffects,
    ),
  ]);
}
