import { heirWhenLeaving, memberActions } from './group-roles';
import { buildMember } from './testing';

describe('memberActions', () => {
  it('lets an owner set any role of another member and remove them', () => {
    expect(memberActions('owner', 'member', false)).toEqual(['makeOwner', 'makeAdmin', 'remove']);
    expect(memberActions('owner', 'admin', false)).toEqual(['makeOwner', 'removeAdmin', 'remove']);
    expect(memberActions('owner', 'owner', false)).toEqual(['makeAdmin', 'remove']);
  });

  it('lets an admin promote and demote admins and remove members, never touching owners', () => {
    expect(memberActions('admin', 'member', false)).toEqual(['makeAdmin', 'remove']);
    expect(memberActions('admin', 'admin', false)).toEqual(['removeAdmin']);
    expect(memberActions('admin', 'owner', false)).toEqual([]);
  });

  it('offers nothing to members, to former members, or about oneself', () => {
    expect(memberActions('member', 'member', false)).toEqual([]);
    expect(memberActions(null, 'member', false)).toEqual([]);
    expect(memberActions('owner', 'owner', true)).toEqual([]);
  });
});

describe('heirWhenLeaving', () => {
  const owner = buildMember('owner');
  const first = buildMember('member');
  const admin = buildMember('admin');

  it('names the longest-standing admin when the only owner leaves, else the longest-standing member', () => {
    expect(heirWhenLeaving([owner, first, admin], owner.userId)).toBe(admin);
    expect(heirWhenLeaving([owner, first, buildMember('member')], owner.userId)).toBe(first);
  });

  it('counts someone re-added from their return, even where the list still shows them first', () => {
    const back = buildMember('member', { joinedAt: '2026-03-05T10:00:00.000Z' });
    const backAdmin = buildMember('admin', { joinedAt: '2026-03-05T10:00:00.000Z' });
    expect(heirWhenLeaving([owner, back, first], owner.userId)).toBe(first);
    expect(heirWhenLeaving([owner, backAdmin, admin], owner.userId)).toBe(admin);
  });

  it('names nobody while another owner stays, or when the one leaving is not an owner', () => {
    expect(heirWhenLeaving([owner, buildMember('owner'), admin], owner.userId)).toBeNull();
    expect(heirWhenLeaving([owner, first, admin], admin.userId)).toBeNull();
    expect(heirWhenLeaving([owner], owner.userId)).toBeNull();
  });
});
