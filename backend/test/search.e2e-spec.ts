import { getModelToken } from '@nestjs/mongoose';
import { type Model, Types } from 'mongoose';
import request from 'supertest';

import type { MessageView } from '../src/contracts/messages';
import type { SearchResult } from '../src/contracts/search';
import { Message } from '../src/messages/schemas/message.schema';
import { SearchTermsBackfill } from '../src/search/search-terms-backfill';
import {
  bearer,
  befriend,
  befriendAndOpenChat,
  createGroup,
  newClientId,
  type SignedUp,
  signUp,
} from './support/builders';
import { startTestApp, type TestApp } from './support/test-app';

interface SearchPage {
  items: SearchResult[];
  nextCursor: string | null;
}

describe('Message search (e2e)', () => {
  let t: TestApp;
  const api = () => request(t.baseUrl);
  const messages = () => t.app.get<Model<Message>>(getModelToken(Message.name));
  const people = (n: number) => Promise.all(Array.from({ length: n }, () => signUp(t.baseUrl)));
  const send = async (who: SignedUp, conversationId: string, text: string) =>
    (
      await api()
        .post(`/api/conversations/${conversationId}/messages`)
        .set(bearer(who.accessToken))
        .send({ clientId: newClientId(), text })
        .expect(201)
    ).body as MessageView;
  const search = async (who: SignedUp, q: string, extra: Record<string, string> = {}) =>
    (
      await api()
        .get('/api/search/messages')
        .query({ q, ...extra })
        .set(bearer(who.accessToken))
        .expect(200)
    ).body as SearchPage;
  const found = async (who: SignedUp, q: string, extra: Record<string, string> = {}) =>
    (await search(who, q, extra)).items.map((item) => item.message.text);
  /** The highlighted parts of a result, as written in its snippet. */
  const marked = ({ snippet }: SearchResult) =>
    snippet.highlights.map(({ start, end }) => snippet.text.slice(start, end));

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('finds whole words and word beginnings in any case and with or without accents, not the middle of a word', async () => {
    const [ada, ben] = await people(2);
    const chat = await befriendAndOpenChat(t.baseUrl, ada, ben);
    await send(ada, chat, 'Der Quartalsbericht für das Café in Münster');
    await send(ben, chat, 'Die Straße ist gesperrt, ΚΑΛΗΜΈΡΑ');
    await send(ben, chat, 'nothing to see');

    const quartal = 'Der Quartalsbericht für das Café in Münster';
    for (const q of ['quartal', 'QUARTALSBERICHT', 'cafe', 'CAFÉ', 'munster', 'Münst', 'fur', 'quart caf']) {
      expect({ q, found: await found(ben, q) }).toEqual({ q, found: [quartal] });
    }
    expect(await found(ada, 'strasse')).toEqual(['Die Straße ist gesperrt, ΚΑΛΗΜΈΡΑ']);
    expect(await found(ada, 'καλημ')).toEqual(['Die Straße ist gesperrt, ΚΑΛΗΜΈΡΑ']);
    for (const q of ['bericht', 'uartal', 'quartal see', 'munsterland', 'd']) expect(await found(ben, q)).toEqual([]);

    const [result] = (await search(ben, 'quart münst')).items;
    expect(result.conversationId).toBe(chat);
    expect(result.message).toMatchObject({ conversationId: chat, senderId: ada.user.id, text: quartal });
    expect(result.snippet.text).toBe(quartal);
    expect(marked(result)).toEqual(['Quart', 'Münst']);
  });

  it('takes regex metacharacters literally: they separate words and never build a pattern', async () => {
    const [ada, ben] = await people(2);
    const chat = await befriendAndOpenChat(t.baseUrl, ada, ben);
    await send(ada, chat, 'see foo.bar and (baz) costs $5');
    await send(ada, chat, 'another message altogether');

    for (const q of ['foo.bar', '(baz', 'baz)', '$5', 'SEE+']) {
      expect({ q, found: await found(ben, q) }).toEqual({ q, found: ['see foo.bar and (baz) costs $5'] });
    }
    for (const q of ['.*', '^', '\\', '(', '[a-z]', 'f.o', 'ba[rz]', 'a|s']) {
      expect({ q, found: await found(ben, q) }).toEqual({ q, found: [] });
    }
    // "an" begins "another" and "and"; ".*" adds nothing.
    expect(await found(ben, 'an.*')).toEqual(['another message altogether', 'see foo.bar and (baz) costs $5']);
  });

  it('caps what one query can ask: at most 200 characters, only its first words count', async () => {
    const [ada, ben] = await people(2);
    const chat = await befriendAndOpenChat(t.baseUrl, ada, ben);
    await send(ada, chat, 'alpha beta gamma delta epsilon zeta');
    expect(await found(ben, 'alp bet gam del eps zet unmatched')).toEqual(['alpha beta gamma delta epsilon zeta']);
    const tooLong = await api()
      .get('/api/search/messages')
      .query({ q: 'a'.repeat(201) })
      .set(bearer(ben.accessToken))
      .expect(400);
    expect(tooLong.body).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'validation_failed' });
  });

  it('never finds messages of conversations I am not in, and refuses to search one', async () => {
    const [ada, ben, cleo] = await people(3);
    const chat = await befriendAndOpenChat(t.baseUrl, ada, ben);
    await send(ada, chat, 'secret plans for the heist');
    await befriendAndOpenChat(t.baseUrl, cleo, ada);
    expect(await found(ben, 'heist')).toEqual(['secret plans for the heist']);
    expect(await found(cleo, 'heist')).toEqual([]);
    expect(await found(cleo, 'secret plans')).toEqual([]);
    const res = await api()
      .get('/api/search/messages')
      .query({ q: 'heist', conversationId: chat })
      .set(bearer(cleo.accessToken))
      .expect(403);
    expect(res.body).toMatchObject({ statusCode: 403, code: expect.any(String) });
  });

  it('searches one conversation when asked', async () => {
    const [ada, ben, cleo] = await people(3);
    const withBen = await befriendAndOpenChat(t.baseUrl, ada, ben);
    const withCleo = await befriendAndOpenChat(t.baseUrl, ada, cleo);
    await send(ada, withBen, 'lunch with ben');
    await send(ada, withCleo, 'lunch with cleo');
    expect(await found(ada, 'lunch')).toEqual(['lunch with cleo', 'lunch with ben']);
    expect(await found(ada, 'lunch', { conversationId: withBen })).toEqual(['lunch with ben']);
  });

  it('leaves out deleted messages, messages I deleted for me, and follows edits', async () => {
    const [ada, ben] = await people(2);
    const chat = await befriendAndOpenChat(t.baseUrl, ada, ben);
    const deleted = await send(ada, chat, 'pineapple pizza is great');
    const edited = await send(ada, chat, 'meeting on tuesday');
    const hidden = await send(ada, chat, 'hidden grapefruit');
    await api().delete(`/api/messages/${deleted.id}`).set(bearer(ada.accessToken)).expect(200);
    await api().patch(`/api/messages/${edited.id}`).set(bearer(ada.accessToken)).send({ text: 'meeting on friday' });
    // Delete-for-me is another change's route; its field is what search honours.
    await messages().updateOne({ _id: hidden.id }, { $addToSet: { hiddenFor: new Types.ObjectId(ben.user.id) } });

    expect(await found(ben, 'pineapple')).toEqual([]);
    expect(await found(ben, 'tuesday')).toEqual([]);
    expect(await found(ben, 'friday')).toEqual(['meeting on friday']);
    expect(await found(ben, 'grapefruit')).toEqual([]);
    expect(await found(ada, 'grapefruit')).toEqual(['hidden grapefruit']);
  });

  it('in a group: a later member finds only what they may read, a former one only up to leaving, never event lines', async () => {
    const [owner, early, late, leaver] = await people(4);
    const group = await createGroup(t.baseUrl, owner, [early, leaver], 'Kiwiteam');
    await send(owner, group, 'kiwi before anyone joined later');
    await befriend(t.baseUrl, owner, late);
    await api()
      .post(`/api/conversations/${group}/members`)
      .set(bearer(owner.accessToken))
      .send({ userIds: [late.user.id] })
      .expect(200);
    await send(owner, group, 'kiwi after the late one joined');
    await api().delete(`/api/conversations/${group}/members/${leaver.user.id}`).set(bearer(leaver.accessToken));
    await send(owner, group, 'kiwi after the leaver left');

    const all = ['kiwi after the leaver left', 'kiwi after the late one joined', 'kiwi before anyone joined later'];
    expect(await found(early, 'kiwi')).toEqual(all);
    expect(await found(late, 'kiwi')).toEqual(all.slice(0, 2));
    expect(await found(leaver, 'kiwi')).toEqual(all.slice(1));
    expect(await found(leaver, 'kiwi', { conversationId: group })).toEqual(all.slice(1));
    expect(await found(early, 'kiwiteam')).toEqual([]);

    // A group that shares its history lets the later member find what came before too.
    await api()
      .patch(`/api/conversations/${group}`)
      .set(bearer(owner.accessToken))
      .send({ newMembersSeeHistory: true });
    expect(await found(late, 'kiwi')).toEqual(all);
  });

  it('leaves out messages of people I blocked (the timeline folds them away)', async () => {
    const [owner, ada, ben] = await people(3);
    const group = await createGroup(t.baseUrl, owner, [ada, ben], 'Team');
    await send(ben, group, 'mango from ben');
    await send(owner, group, 'mango from the owner');
    await api().post(`/api/users/${ben.user.id}/block`).set(bearer(ada.accessToken)).expect(204);
    expect(await found(ada, 'mango')).toEqual(['mango from the owner']);
    expect(await found(owner, 'mango')).toEqual(['mango from the owner', 'mango from ben']);
  });

  it('pages newest first with a cursor, every match exactly once', async () => {
    const [ada, ben] = await people(2);
    const chat = await befriendAndOpenChat(t.baseUrl, ada, ben);
    for (let i = 1; i <= 45; i++) await send(i % 2 ? ada : ben, chat, `apricot number ${i}`);
    await send(ada, chat, 'unrelated');
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: SearchPage = await search(ben, 'apric', cursor ? { cursor } : {});
      seen.push(...page.items.map((item) => item.message.text!));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 45 }, (_, i) => `apricot number ${45 - i}`));
  });

  it('answers bad queries with 400 and the standard body', async () => {
    const [ada] = await people(1);
    for (const query of [
      {},
      { q: '' },
      { q: '   ' },
      { q: 'x', conversationId: 'nope' },
      { q: 'x', cursor: 'garbage' },
    ]) {
      const res = await api().get('/api/search/messages').query(query).set(bearer(ada.accessToken));
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', code: expect.any(String) });
    }
    await api().get('/api/search/messages').query({ q: 'x' }).expect(401);
  });

  it('cuts a long message to a snippet around the first match, highlighting what matched', async () => {
    const [ada, ben] = await people(2);
    const chat = await befriendAndOpenChat(t.baseUrl, ada, ben);
    const text = `${'lorem ipsum '.repeat(40)}the Éclair recipe ${'dolor sit '.repeat(40)}`.trim();
    await send(ada, chat, text);
    const [result] = (await search(ben, 'eclair')).items;
    expect(result.message.text).toBe(text);
    expect(result.snippet.text.length).toBeLessThan(200);
    expect(result.snippet.text.startsWith('…')).toBe(true);
    expect(result.snippet.text.endsWith('…')).toBe(true);
    expect(marked(result)).toEqual(['Éclair']);
  });

  it('backfills the words of messages stored before search existed, once and idempotently', async () => {
    const [ada, ben] = await people(2);
    const chat = await befriendAndOpenChat(t.baseUrl, ada, ben);
    const old = await send(ada, chat, 'Blueberry muffins, vintage');
    await messages().collection.updateOne({ _id: new Types.ObjectId(old.id) }, { $unset: { searchTerms: '' } });
    await messages()
      .db.collection('migrations')
      .deleteOne({ _id: 'message-search-terms' as never });
    expect(await found(ben, 'blueberry')).toEqual([]);

    const backfill = t.app.get(SearchTermsBackfill);
    await Promise.all([backfill.run(), backfill.run()]);
    await backfill.run();
    expect(await found(ben, 'blueberry')).toEqual(['Blueberry muffins, vintage']);
    const stored = await messages().collection.findOne({ _id: new Types.ObjectId(old.id) });
    expect(stored!.searchTerms).toEqual(['blueberry', 'muffins', 'vintage']);
  });
});
