import type { MediaView } from '@contracts/messages';
import type { Action } from '@ngrx/store';

import { buildMessage, buildOutgoing, CONVERSATION, ME } from '../../testing/chat-builders';
import { messageKey, type OutgoingMessage, sendRequestOf } from '../chat-models';
import { ChatPageActions, MediaApiActions, MessagesApiActions } from './chat-actions';
import { initialMessagesState, messagesFeature, type MessagesState, threadAdapter } from './messages-feature';

const { reducer } = messagesFeature;
const run = (...actions: Action[]) => actions.reduce((state, action) => reducer(state, action), initialMessagesState);
const shown = (state: MessagesState) => threadAdapter.getSelectors().selectAll(state.threads[CONVERSATION]!);

const file = new File([new Uint8Array(2048)], 'engine.png', { type: 'image/png' });
const outgoing: OutgoingMessage = buildOutgoing({
  clientId: 'photo-client-id',
  text: 'The engine',
  attachment: { file, previewUrl: 'blob:local-preview', kind: 'image', width: 64, height: 48 },
});
const ids = { conversationId: CONVERSATION, senderId: ME, clientId: 'photo-client-id' };
const stored: MediaView = {
  id: 'ddddddddddddddddddddddd1',
  kind: 'image',
  mime: 'image/webp',
  size: 900,
  width: 64,
  height: 48,
  url: '/api/media/ddddddddddddddddddddddd1',
  thumbUrl: '/api/media/ddddddddddddddddddddddd1/thumb',
};
const sent = ChatPageActions.messageSent({ message: outgoing });

describe('messages reducer: pictures and videos', () => {
  it('shows a picture at once from the local file, pending with an upload at 0', () => {
    const [message] = shown(run(sent));
    expect(message).toMatchObject({
      id: '',
      kind: 'image',
      text: 'The engine',
      status: 'pending',
      upload: { progress: 0, failed: false },
      media: { id: '', kind: 'image', mime: 'image/png', size: 2048, width: 64, height: 48, url: 'blob:local-preview' },
    });
    expect(message.media?.thumbUrl).toBe('blob:local-preview');
  });

  it('follows the progress, then keeps the stored id with the local preview until the ack', () => {
    let state = run(sent, MediaApiActions.uploadProgressed({ ...ids, progress: 0.4 }));
    expect(shown(state)[0].upload).toEqual({ progress: 0.4, failed: false });

    state = reducer(state, MediaApiActions.uploadSucceeded({ ...ids, media: stored, caption: 'The engine' }));
    const [uploaded] = shown(state);
    expect(uploaded.upload).toBeUndefined();
    expect(uploaded.status).toBe('pending');
    expect(uploaded.media).toMatchObject({ id: stored.id, url: 'blob:local-preview', thumbUrl: 'blob:local-preview' });

    // The ack replaces it by clientId: one message, the server's copy.
    const confirmed = buildMessage({ senderId: ME, clientId: 'photo-client-id', kind: 'image', media: stored });
    state = reducer(state, MessagesApiActions.sendSucceeded({ message: confirmed }));
    expect(shown(state)).toEqual([{ ...confirmed, status: 'sent' }]);
  });

  it('marks a failed upload with the server message; a retry starts the upload over under the same clientId', () => {
    let state = run(
      sent,
      MediaApiActions.uploadProgressed({ ...ids, progress: 0.7 }),
      MediaApiActions.uploadFailed({ ...ids, error: 'The file is too large' }),
    );
    const [failed] = shown(state);
    expect(failed).toMatchObject({ status: 'failed', error: 'The file is too large', upload: { failed: true } });

    state = reducer(state, ChatPageActions.retryClicked({ message: failed }));
    expect(shown(state)).toHaveLength(1);
    expect(shown(state)[0]).toMatchObject({ clientId: 'photo-client-id', status: 'pending', upload: { progress: 0 } });
  });

  it('ignores late progress after a failure', () => {
    const state = run(
      sent,
      MediaApiActions.uploadFailed({ ...ids, error: 'Cannot reach the server.' }),
      MediaApiActions.uploadProgressed({ ...ids, progress: 0.9 }),
    );
    expect(shown(state)[0].upload).toEqual({ progress: 0, failed: true });
  });

  it('removes a message that never reached the server, but never a stored one', () => {
    const failedState = run(sent, MediaApiActions.uploadFailed({ ...ids, error: 'nope' }));
    const [failed] = shown(failedState);
    expect(shown(reducer(failedState, ChatPageActions.unsentRemoved({ message: failed })))).toEqual([]);

    const pending = run(sent);
    expect(shown(reducer(pending, ChatPageActions.unsentRemoved({ message: shown(pending)[0] })))).toHaveLength(1);
  });

  it('sends the stored media id and the caption, leaving out what is empty', () => {
    const [message] = shown(run(sent, MediaApiActions.uploadSucceeded({ ...ids, media: stored })));
    expect(messageKey(message)).toBe(`${ME}:photo-client-id`);
    expect(sendRequestOf(message)).toEqual({ ...ids, text: 'The engine', mediaId: stored.id });
    expect(sendRequestOf({ ...message, text: '' })).toEqual({ ...ids, mediaId: stored.id });
  });

  it('shows a document or recording with its name, and takes the kind the server found in the content', () => {
    const recording = new File([new Uint8Array(4096)], 'voice-message.webm', { type: 'video/webm' });
    const voice = buildOutgoing({
      clientId: 'voice-client-id',
      text: '',
      attachment: { file: recording, previewUrl: 'blob:voice', kind: 'video' },
    });
    const pdf = buildOutgoing({
      clientId: 'pdf-client-id',
      text: '',
      attachment: {
        file: new File(['%PDF'], 'Report.pdf', { type: 'application/pdf' }),
        previewUrl: 'blob:pdf',
        kind: 'file',
      },
    });
    const audio: MediaView = { id: 'a1', kind: 'audio', mime: 'audio/webm', size: 4096, url: '/api/media/a1' };
    const state = run(
      ChatPageActions.messageSent({ message: voice }),
      ChatPageActions.messageSent({ message: pdf }),
      MediaApiActions.uploadSucceeded({ ...ids, clientId: 'voice-client-id', media: audio }),
    );
    const [shownVoice, shownPdf] = shown(state);
    expect(shownPdf).toMatchObject({ kind: 'file', media: { kind: 'file', name: 'Report.pdf', size: 4 } });
    expect(shownVoice).toMatchObject({ kind: 'audio', media: { id: 'a1', kind: 'audio', url: 'blob:voice' } });
  });
});
