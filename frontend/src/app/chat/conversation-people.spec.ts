import { BEN, buildGroup, buildParticipant } from '../testing/chat-builders';
import { nameIn } from './conversation-people';

const CLEO = 'cccccccccccccccccccccccc';
const cleo = buildParticipant({ id: CLEO, username: 'cleo', displayName: 'Cleo Park' });

describe('nameIn', () => {
  it('names a member of the group', () => {
    expect(nameIn(buildGroup(), BEN)).toBe('Ben Bitdiddle');
  });

  it('names someone who left, from the former members the server lists for the timeline', () => {
    const group = buildGroup({ formerMembers: [{ userId: CLEO, user: cleo, leftAt: '2026-03-02T10:00:00.000Z' }] });
    expect(nameIn(group, CLEO)).toBe('Cleo Park');
  });

  it('says "Someone" for a person the group does not list at all', () => {
    expect(nameIn(buildGroup(), CLEO)).toBe('Someone');
  });
});
