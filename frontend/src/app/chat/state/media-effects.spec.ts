import { HttpErrorResponse } from '@angular/common/http';
import type { MediaView, MessageView } from '@contracts/messages';
import type { Ack } from '@contracts/socket-events';
import type { Actions } from '@ngrx/effects';
import type { Action } from '@ngrx/store';
import { Subject, throwError } from 'rxjs';

import type { MediaApi, UploadEvent } from '../../core/api/media-api';
import type { RealtimeSocket } from '../../core/socket/realtime-socket';
import { buildOutgoing, CONVERSATION, ME } from '../../testing/chat-builders';
import { pendingMessage } from '../chat-models';
import { OutgoingMedia } from '../outgoing-media';
import { ChatPageActions, MediaApiActions } from './chat-actions';
import { releaseMedia$, uploadMedia$ } from './media-effects';
import { sendMessage$ } from './messages-effects';

const file = new File([new Uint8Array(10)], 'engine.png', { type: 'image/png' });
const outgoing = buildOutgoing({
  clientId: 'photo-client-id',
  text: 'Caption',
  attachment: { file, previewUrl: 'blob:preview', kind: 'image' },
});
const ids = { conversationId: CONVERSATION, senderId: ME, clientId: 'photo-client-id' };
const media: MediaView = { id: 'm1', kind: 'image', mime: 'image/webp', size: 5, url: '/api/media/m1' };

function setup() {
  const actions$ = new Subject<Action>();
  const uploads: Subject<UploadEvent<MediaView>>[] = [];
  const api = {
    upload: jest.fn(() => {
      const upload$ = new Subject<UploadEvent<MediaView>>();
      uploads.push(upload$);
      return upload$;
    }),
  };
  const files = new OutgoingMedia();
  const out: Action[] = [];
  uploadMedia$(actions$ as Actions, api as unknown as MediaApi, files).subscribe((action) => out.push(action));
  return { actions$, api, uploads, files, out };
}

describe('uploadMedia$', () => {
  beforeAll(() => {
    URL.revokeObjectURL = jest.fn();
  });

  it('uploads the file of a sent picture, reports progress, then succeeds with the stored media and caption', () => {
    const { actions$, api, uploads, out } = setup();
    actions$.next(ChatPageActions.messageSent({ message: outgoing }));
    expect(api.upload).toHaveBeenCalledWith(file);
    uploads[0].next({ kind: 'progress', progress: 0.5 });
    uploads[0].next({ kind: 'done', body: media });
    expect(out).toEqual([
      MediaApiActions.uploadProgressed({ ...ids, progress: 0.5 }),
      MediaApiActions.uploadSucceeded({ ...ids, media, caption: 'Caption' }),
    ]);
  });

  it('leaves text messages and stored media alone', () => {
    const { actions$, api } = setup();
    actions$.next(ChatPageActions.messageSent({ message: buildOutgoing() }));
    const sendFailed = {
      ...pendingMessage(outgoing),
      media: { ...media },
      upload: undefined,
      status: 'failed' as const,
    };
    actions$.next(ChatPageActions.retryClicked({ message: sendFailed }));
    expect(api.upload).not.toHaveBeenCalled();
  });

  it("reports the server's message, and a retry uploads the same file again under the same clientId", () => {
    const { actions$, api, uploads, out } = setup();
    actions$.next(ChatPageActions.messageSent({ message: outgoing }));
    const body = { statusCode: 413, code: 'file_too_large', message: 'Pictures can be at most 10 MB' };
    uploads[0].error(new HttpErrorResponse({ status: 413, error: body }));
    expect(out).toEqual([MediaApiActions.uploadFailed({ ...ids, error: 'This file is too large.', permanent: true })]);

    const failed = { ...pendingMessage(outgoing), status: 'failed' as const, upload: { progress: 0, failed: true } };
    actions$.next(ChatPageActions.retryClicked({ message: failed }));
    expect(api.upload).toHaveBeenCalledTimes(2);
    expect(api.upload).toHaveBeenLastCalledWith(file);
    uploads[1].next({ kind: 'done', body: media });
    expect(out[1]).toEqual(MediaApiActions.uploadSucceeded({ ...ids, media, caption: 'Caption' }));
  });

  it('words a virus found as final, and a scanner that cannot be reached as worth another try', () => {
    const { actions$, uploads, out } = setup();
    actions$.next(ChatPageActions.messageSent({ message: outgoing }));
    const virus = { statusCode: 422, code: 'virus_found', message: 'This file contains a virus' };
    uploads[0].error(new HttpErrorResponse({ status: 422, error: virus }));
    actions$.next(ChatPageActions.messageSent({ message: { ...outgoing, clientId: 'second' } }));
    const down = { statusCode: 503, code: 'virus_scan_unavailable', message: 'Uploads cannot be checked' };
    uploads[1].error(new HttpErrorResponse({ status: 503, error: down }));
    const failed = out as ReturnType<typeof MediaApiActions.uploadFailed>[];
    expect(failed[0]).toMatchObject({ error: 'This file contains a virus or other malware and was not sent.' });
    expect(failed[0].permanent).toBe(true);
    expect(failed[1]).toMatchObject({ error: "Files can't be checked for viruses right now. Try again in a moment." });
    expect(failed[1].permanent).toBe(false);
  });

  it('fails a retry whose file is gone (released) without uploading', () => {
    const { actions$, api, files, out } = setup();
    actions$.next(ChatPageActions.messageSent({ message: outgoing }));
    files.release(outgoing);
    const failed = { ...pendingMessage(outgoing), status: 'failed' as const, upload: { progress: 0, failed: true } };
    actions$.next(ChatPageActions.retryClicked({ message: failed }));
    expect(api.upload).toHaveBeenCalledTimes(1);
    expect(out).toEqual([expect.objectContaining({ type: MediaApiActions.uploadFailed.type, ...ids })]);
  });

  it('reports a network failure', () => {
    const api = { upload: jest.fn(() => throwError(() => new HttpErrorResponse({ status: 0 }))) };
    const actions$ = new Subject<Action>();
    const out: Action[] = [];
    uploadMedia$(actions$ as Actions, api as unknown as MediaApi, new OutgoingMedia()).subscribe((a) => out.push(a));
    actions$.next(ChatPageActions.messageSent({ message: outgoing }));
    expect(out).toEqual([expect.objectContaining({ type: MediaApiActions.uploadFailed.type })]);
    expect((out[0] as ReturnType<typeof MediaApiActions.uploadFailed>).error).toMatch(/Cannot reach the server/);
    // Worth another try: it goes again by itself once the connection is back.
    expect((out[0] as ReturnType<typeof MediaApiActions.uploadFailed>).permanent).toBe(false);
  });

  it('frees the preview URL once the server has the message, or when it is removed', () => {
    const files = new OutgoingMedia();
    files.keep(`${ME}:photo-client-id`, file, 'blob:preview');
    const actions$ = new Subject<Action>();
    releaseMedia$(actions$ as Actions, files).subscribe();
    actions$.next(ChatPageActions.unsentRemoved({ message: pendingMessage(outgoing) }));
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:preview');
    expect(files.file(outgoing)).toBeUndefined();
  });
});

describe('sendMessage$ with media', () => {
  type SendAck = Ack<{ message: MessageView }>;

  it('waits for the upload, then sends the media id with the caption over the socket; a retried send reuses both', () => {
    const request = jest.fn((_event: string, _payload: unknown) => new Promise<SendAck>(() => undefined));
    const actions$ = new Subject<Action>();
    sendMessage$(actions$ as Actions, { request, connected: true } as unknown as RealtimeSocket).subscribe();

    actions$.next(ChatPageActions.messageSent({ message: outgoing }));
    expect(request).not.toHaveBeenCalled();

    actions$.next(MediaApiActions.uploadSucceeded({ ...ids, media, caption: 'Caption' }));
    const { senderId: _senderId, ...payload } = ids;
    expect(request).toHaveBeenCalledWith('message:send', { ...payload, text: 'Caption', mediaId: 'm1' });
  });

  it('re-sends a stored picture whose send failed with the same clientId and media id', () => {
    const request = jest.fn((_event: string, _payload: unknown) => new Promise<SendAck>(() => undefined));
    const actions$ = new Subject<Action>();
    sendMessage$(actions$ as Actions, { request, connected: true } as unknown as RealtimeSocket).subscribe();
    const failed = { ...pendingMessage(outgoing), media, upload: undefined, status: 'failed' as const };
    actions$.next(ChatPageActions.retryClicked({ message: failed }));
    const { senderId: _senderId, ...payload } = ids;
    expect(request).toHaveBeenCalledWith('message:send', { ...payload, text: 'Caption', mediaId: 'm1' });
  });

  it('sends a reply with an attachment as a reply: the quoted original goes from the upload to the send', () => {
    const request = jest.fn((_event: string, _payload: unknown) => new Promise<SendAck>(() => undefined));
    const actions$ = new Subject<Action>();
    sendMessage$(actions$ as Actions, { request, connected: true } as unknown as RealtimeSocket).subscribe();
    const { actions$: uploadActions$, uploads, out } = setup();
    const replyTo = { id: 'original-id', senderId: 'other', kind: 'text' as const, text: 'which one?' };
    uploadActions$.next(ChatPageActions.messageSent({ message: { ...outgoing, replyTo } }));
    uploads[0].next({ kind: 'done', body: media });
    expect(out).toEqual([MediaApiActions.uploadSucceeded({ ...ids, media, caption: 'Caption', replyTo })]);
    actions$.next(out[0]);
    const { senderId: _senderId, ...payload } = ids;
    expect(request).toHaveBeenCalledWith('message:send', {
      ...payload,
      text: 'Caption',
      mediaId: 'm1',
      replyToId: 'original-id',
    });
  });

  it('does not send a picture whose upload failed; the upload effect retries it', () => {
    const request = jest.fn();
    const actions$ = new Subject<Action>();
    sendMessage$(actions$ as Actions, { request, connected: true } as unknown as RealtimeSocket).subscribe();
    const failed = { ...pendingMessage(outgoing), status: 'failed' as const, upload: { progress: 0, failed: true } };
    actions$.next(ChatPageActions.retryClicked({ message: failed }));
    expect(request).not.toHaveBeenCalled();
  });
});
