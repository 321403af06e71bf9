import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, filter, map, mergeMap, of, tap } from 'rxjs';

import { toApiError } from '../../core/api/api-error';
import { MediaApi } from '../../core/api/media-api';
import { messageKey } from '../chat-models';
import { OutgoingMedia } from '../outgoing-media';
import { ChatConnectionActions, ChatPageActions, MediaApiActions, MessagesApiActions } from './chat-actions';

const FILE_GONE = $localize`:@@chat.upload.fileGone:The file is no longer available. Remove this message and attach it again.`;

/**
 * Uploads the picture or video of a message as soon as it is sent (mergeMap: several uploads run side by side),
 * reporting progress; the send effect then sends the message with the stored media's id. A retry of a failed
 * upload uploads the same file again under the same clientId, so the message stays where it was.
 */
export const uploadMedia$ = createEffect(
  (actions$ = inject(Actions), api = inject(MediaApi), files = inject(OutgoingMedia)) => {
    return actions$.pipe(
      ofType(ChatPageActions.messageSent, ChatPageActions.retryClicked, ChatConnectionActions.unsentResent),
      map((action) => {
        if (action.type === ChatPageActions.messageSent.type) {
          const { message } = action;
          if (!message.attachment) return null;
          files.keep(messageKey(message), message.attachment.file, message.attachment.previewUrl);
          return { message, file: message.attachment.file as File | undefined };
        }
        return action.message.upload?.failed ? { message: action.message, file: files.file(action.message) } : null;
      }),
      filter((upload) => upload !== null),
      mergeMap(({ message: { conversationId, senderId, clientId, text, replyTo }, file }) => {
        const ids = { conversationId, senderId, clientId };
        if (!file) return of(MediaApiActions.uploadFailed({ ...ids, error: FILE_GONE, permanent: true }));
        return api.upload(file).pipe(
          map((event) =>
            event.kind === 'progress'
              ? MediaApiActions.uploadProgressed({ ...ids, progress: event.progress })
              : MediaApiActions.uploadSucceeded({
                  ...ids,
                  media: event.body,
                  caption: text || undefined,
                  ...(replyTo ? { replyTo } : {}),
                }),
          ),
          catchError((error: unknown) => {
            const { message, status } = toApiError(error);
            // The server refused the file itself (415 type, 413 size, 422 a virus): uploading it again can't help.
            const permanent = status === 413 || status === 415 || status === 422 || status === 400;
            return of(MediaApiActions.uploadFailed({ ...ids, error: message, permanent }));
          }),
        );
      }),
    );
  },
  { functional: true },
);

/** The server has the message (and serves its media): the local file and its preview URL can go. */
export const releaseMedia$ = createEffect(
  (actions$ = inject(Actions), files = inject(OutgoingMedia)) => {
    return actions$.pipe(
      ofType(MessagesApiActions.sendSucceeded, ChatPageActions.unsentRemoved),
      tap(({ message }) => files.release(message)),
    );
  },
  { functional: true, dispatch: false },
);
