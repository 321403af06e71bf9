import { deepLinkOf, personOf } from './embed-window';

describe('what the framed app takes from the portal page', () => {
  it('reads "open the chat with …" by username, e-mail or external id', () => {
    expect(personOf({ type: 'chat:open', username: ' ada ' })).toEqual({ username: 'ada' });
    expect(personOf({ type: 'chat:open', email: 'ada@acme.com' })).toEqual({ email: 'ada@acme.com' });
    expect(personOf({ type: 'chat:open', externalId: 'sub-1' })).toEqual({ externalId: 'sub-1' });
  });

  it('ignores anything else', () => {
    for (const data of [
      null,
      'chat:open',
      { type: 'chat:open' },
      { type: 'chat:open', username: 42 },
      { username: 'ada' },
    ]) {
      expect(personOf(data)).toBeNull();
    }
    expect(personOf({ type: 'chat:open', username: 'x'.repeat(256) })).toBeNull();
  });

  it('links to the person as the app routes do', () => {
    expect(deepLinkOf({ username: 'ada' })).toEqual(['/u', 'ada']);
    expect(deepLinkOf({ email: 'ada@acme.com' })).toEqual(['/u', 'email', 'ada@acme.com']);
    expect(deepLinkOf({ externalId: 'sub-1' })).toEqual(['/u', 'ext', 'sub-1']);
  });
});
