import type { SystemEvent } from '@contracts/messages';

import { receiptSentence, systemSentence, typingSentence } from './group-text';

const names: Record<string, string> = { ada: 'Ada', ben: 'Ben', cleo: 'Cleo', dan: 'Dan' };
const nameOf = (id: string) => names[id] ?? 'Someone';
const line = (system: SystemEvent, me: string | null = 'me') => systemSentence(system, nameOf, me, 'en');

describe('systemSentence', () => {
  it('tells what someone did to the group, with names', () => {
    expect(line({ event: 'added', actorId: 'ada', targetIds: ['ben', 'cleo'] })).toBe('Ada added Ben and Cleo');
    expect(line({ event: 'left', actorId: 'cleo' })).toBe('Cleo left');
    expect(line({ event: 'renamed', actorId: 'ada', name: 'Ops' })).toBe('Ada renamed the group to “Ops”');
    expect(line({ event: 'created', actorId: 'ada', name: 'Ops', targetIds: ['ben'] })).toBe(
      'Ada created the group “Ops”',
    );
    expect(line({ event: 'made_admin', actorId: 'ada', targetIds: ['ben'] })).toBe('Ada made Ben an admin');
    expect(line({ event: 'made_member', actorId: 'ada', targetIds: ['ben'] })).toBe('Ada removed Ben as admin');
    expect(line({ event: 'made_owner', actorId: 'ada', targetIds: ['ben'] })).toBe('Ada made Ben the owner');
    expect(line({ event: 'picture_changed', actorId: 'ada' })).toBe('Ada changed the group picture');
    expect(line({ event: 'removed', actorId: 'ada', targetIds: ['ben', 'cleo', 'dan'] })).toBe(
      'Ada removed Ben, Cleo, and Dan',
    );
  });

  it('says "You" for what I did and "you" for what was done to me', () => {
    expect(line({ event: 'added', actorId: 'me', targetIds: ['ben'] })).toBe('You added Ben');
    expect(line({ event: 'added', actorId: 'ada', targetIds: ['me', 'ben'] })).toBe('Ada added you and Ben');
    expect(line({ event: 'removed', actorId: 'ada', targetIds: ['me'] })).toBe('You were removed');
    expect(line({ event: 'left', actorId: 'me' })).toBe('You left');
    expect(line({ event: 'made_admin', actorId: 'ada', targetIds: ['me'] })).toBe('Ada made you an admin');
  });

  it('names someone the group no longer lists, and words events it does not know yet', () => {
    expect(line({ event: 'left', actorId: 'gone' })).toBe('Someone left');
    expect(line({ event: 'history_shared' as SystemEvent['event'], actorId: 'ada' })).toBe(
      'Ada let new members see earlier messages',
    );
  });
});

describe('typingSentence', () => {
  it('names up to three people, then counts the others', () => {
    expect(typingSentence([], 'en')).toBe('');
    expect(typingSentence(['Ada'], 'en')).toBe('Ada is typing…');
    expect(typingSentence(['Ada', 'Ben'], 'en')).toBe('Ada and Ben are typing…');
    expect(typingSentence(['Ada', 'Ben', 'Cleo'], 'en')).toBe('Ada, Ben, and Cleo are typing…');
    expect(typingSentence(['Ada', 'Ben', 'Cleo', 'Dan'], 'en')).toBe('Ada, Ben and 2 others are typing…');
  });
});

describe('receiptSentence', () => {
  it('says how many it reached until someone read it', () => {
    expect(receiptSentence({ seenBy: [], deliveredTo: [], total: 5 }, 'en')).toBe('');
    expect(receiptSentence({ seenBy: [], deliveredTo: ['Ada', 'Ben', 'Cleo'], total: 5 }, 'en')).toBe(
      'Delivered to 3 of 5',
    );
  });

  it('names who has seen it, counting the rest from the fourth on', () => {
    expect(receiptSentence({ seenBy: ['Ada'], deliveredTo: ['Ada', 'Ben'], total: 5 }, 'en')).toBe('Seen by Ada');
    expect(receiptSentence({ seenBy: ['Ada', 'Ben'], deliveredTo: ['Ada', 'Ben'], total: 5 }, 'en')).toBe(
      'Seen by Ada and Ben',
    );
    const four = ['Ada', 'Ben', 'Cleo', 'Dan'];
    expect(receiptSentence({ seenBy: four, deliveredTo: four, total: 5 }, 'en')).toBe('Seen by Ada, Ben and 2 others');
  });
});
