import { getModelToken } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import request from 'supertest';

import { ConversationsService } from '../src/messages/conversations.service';
import { Conversation } from '../src/messages/schemas/conversation.schema';
import { Message } from '../src/messages/schemas/message.schema';
import { bearer, befriendAndOpenChat, newClientId, type SignedUp, signUp } from './support/builders';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * A message's conversation bookkeeping (unread count and preview) is one update when both apply. The cases where
 * only one applies, which several instances produce now and then, are made here by hand so each runs every time.
 */
describe('Conversation bookkeeping of a message that lands late (e2e)', () => {
  let t: TestApp;
  let a: SignedUp, b: SignedUp;
  let conversationId: string;
  const messages = () => t.app.get<Model<Message>>(getModelToken(Message.name));
  const conversations = () => t.app.get<Model<Conversation>>(getModelToken(Conversation.name));
  const send = async (text: string) =>
    request(t.baseUrl)
      .post(`/api/conversations/${conversationId}/messages`)
      .set(bearer(a.accessToken))
      .send({ clientId: newClientId(), text })
      .expect(201);
  const state = async () => {
    const conversation = (await conversations().findById(conversationId).exec())!;
    return { unread: conversation.unread.get(b.user.id) ?? 0, previewSeq: conversation.lastMessage?.seq };
  };
  /** Applies a stored message again, as its send (or its recovery) does, optionally as if it had another seq. */
  const applyAgain = async (seq: number, asSeq = seq) => {
    const message = (await messages().findOne({ conversationId, seq }).exec())!;
    message.seq = asSeq;
    const conversation = await t.app.get(ConversationsService).getForSending(a.user.id, conversationId);
    await t.app.get(ConversationsService).applyMessage(conversation, message);
  };

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    [a, b] = [await signUp(t.baseUrl), await signUp(t.baseUrl)];
    conversationId = await befriendAndOpenChat(t.baseUrl, a, b);
  });

  it('counts a message older than the preview as unread, and leaves the preview on the newer one', async () => {
    await send('one');
    await send('two');
    expect(await state()).toEqual({ unread: 2, previewSeq: 2 });
    await applyAgain(1);
    expect(await state()).toEqual({ unread: 3, previewSeq: 2 });
  });

  it('moves the preview to a newer message its recipient has read past already, without counting it', async () => {
    await send('one');
    await conversations()
      .updateOne({ _id: conversationId }, { $set: { [`lastReadSeq.${b.user.id}`]: 9, [`unread.${b.user.id}`]: 0 } })
      .exec();
    await applyAgain(1, 5);
    expect(await state()).toEqual({ unread: 0, previewSeq: 5 });
  });

  it('changes nothing for a message older than the preview that its recipient has read past', async () => {
    await send('one');
    await send('two');
    await conversations()
      .updateOne({ _id: conversationId }, { $set: { [`lastReadSeq.${b.user.id}`]: 2, [`unread.${b.user.id}`]: 0 } })
      .exec();
    await applyAgain(1);
    expect(await state()).toEqual({ unread: 0, previewSeq: 2 });
  });
});
