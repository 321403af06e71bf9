import { TestBed } from '@angular/core/testing';
import type { FriendRequestView, FriendView } from '@contracts/friends';
import type { PublicUser } from '@contracts/users';
import { MockStore, provideMockStore } from '@ngrx/store/testing';

import { buildFriend, buildPublicUser, buildRequest } from '../../testing/friends-builders';
import { FriendsApiActions, FriendsPanelActions, FriendsSocketActions } from '../friends-actions';
import { friendsFeature, type FriendsState, initialFriendsState } from '../friends-feature';
import { FriendsPanel, PRESENCE_CLOCK_MS } from './friends-panel';

const NOW = Date.parse('2026-05-01T12:00:00.000Z');
const minutesAgo = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();

const ada = buildFriend({ displayName: 'Ada Lovelace', online: false, lastSeenAt: minutesAgo(5) });
const grace = buildFriend({ displayName: 'Grace Hopper', online: true });

interface Lists {
  friends?: FriendView[];
  incoming?: FriendRequestView[];
  outgoing?: FriendRequestView[];
  blocked?: PublicUser[];
}

/** The real reducer builds the state, so the panel is tested against the selectors it really uses. */
function stateWith(
  { friends = [], incoming = [], outgoing = [], blocked = [] }: Lists,
  ...more: object[]
): FriendsState {
  const loaded = friendsFeature.reducer(
    initialFriendsState,
    FriendsApiActions.loadSucceeded({ friends, incoming, outgoing, blocked }),
  );
  return more.reduce((state: FriendsState, action) => friendsFeature.reducer(state, action as never), loaded);
}

async function setup(state: FriendsState = stateWith({ friends: [ada, grace] })) {
  TestBed.configureTestingModule({
    imports: [FriendsPanel],
    providers: [provideMockStore({ initialState: { [friendsFeature.name]: state } })],
  });
  const store = TestBed.inject(MockStore);
  const dispatched = jest.spyOn(store, 'dispatch');
  const fixture = TestBed.createComponent(FriendsPanel);
  await fixture.whenStable();
  const el: HTMLElement = fixture.nativeElement;
  const setState = async (next: FriendsState) => {
    store.setState({ [friendsFeature.name]: next });
    await fixture.whenStable();
  };
  const list = (label: string) => el.querySelector<HTMLUListElement>(`ul[aria-label="${label}"]`);
  const rows = (label: string) => [...(list(label)?.querySelectorAll('li') ?? [])];
  const buttonIn = (root: ParentNode, text: string) =>
    [...root.querySelectorAll('button')].find((b) => b.textContent?.replace(/\s+/g, ' ').trim().startsWith(text)) as
      HTMLButtonElement | undefined;
  return { el, fixture, store, dispatched, setState, list, rows, buttonIn };
}

describe('FriendsPanel', () => {
  // Only the clock and the minute timer are faked: change detection still runs on real timeouts and frames.
  beforeEach(() => {
    jest.useFakeTimers({
      now: NOW,
      doNotFake: [
        'setTimeout',
        'clearTimeout',
        'setImmediate',
        'clearImmediate',
        'queueMicrotask',
        'nextTick',
        'requestAnimationFrame',
        'cancelAnimationFrame',
        'requestIdleCallback',
        'cancelIdleCallback',
        'performance',
        'hrtime',
      ],
    });
  });
  afterEach(() => jest.useRealTimers());

  it('lists friends online first, with a green dot or when they were last seen', async () => {
    const { rows } = await setup();
    const [first, second] = rows('Friends');
    expect(first.textContent).toContain('Grace Hopper');
    expect(first.querySelector('[role=img][aria-label=online]')).not.toBeNull();
    expect(second.textContent).toContain('Ada Lovelace');
    expect(second.querySelector('[aria-label=online]')).toBeNull();
    expect(second.textContent).toContain('last seen 5 min ago');
  });

  it('refreshes "last seen" every minute without asking the server', async () => {
    const { rows, fixture, dispatched } = await setup();
    jest.advanceTimersByTime(PRESENCE_CLOCK_MS * 3);
    await fixture.whenStable();
    expect(rows('Friends')[1].textContent).toContain('last seen 8 min ago');
    expect(dispatched).not.toHaveBeenCalled();
  });

  it('moves a friend when their presence changes', async () => {
    const { rows, setState } = await setup();
    await setState(
      stateWith({ friends: [ada, grace] }, FriendsSocketActions.presenceUpdated({ userId: ada.id, online: true })),
    );
    expect(rows('Friends').map((row) => row.querySelectorAll('[aria-label=online]').length)).toEqual([1, 1]);
    expect(rows('Friends')[0].textContent).toContain('Ada Lovelace');
  });

  it('asks to open a chat from "Message"', async () => {
    const { rows, buttonIn, dispatched } = await setup();
    buttonIn(rows('Friends')[1], 'Message')!.click();
    expect(dispatched).toHaveBeenCalledWith(FriendsPanelActions.chatRequested({ userId: ada.id }));
  });

  it('says so when there are no friends yet, and while loading', async () => {
    const { el, setState } = await setup(initialFriendsState);
    expect(el.textContent).toContain('Loading friends');
    await setState(stateWith({}));
    expect(el.textContent).toContain('No friends yet');
  });

  it('searches as the person types, with a labelled box', async () => {
    const { el, fixture, dispatched } = await setup();
    const box = el.querySelector<HTMLInputElement>('#friends-search')!;
    expect(el.querySelector('label[for=friends-search]')?.textContent).toContain('Find people');
    box.value = 'ad';
    box.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(dispatched).toHaveBeenCalledWith(FriendsPanelActions.searchChanged({ query: 'ad' }));
  });

  it('shows each search result with what can be done about them', async () => {
    const stranger = buildPublicUser({ displayName: 'Stranger' });
    const asked = buildRequest('outgoing', { user: buildPublicUser({ displayName: 'Asked' }) });
    const asking = buildRequest('incoming', { user: buildPublicUser({ displayName: 'Asking' }) });
    const state = stateWith(
      { friends: [ada], outgoing: [asked], incoming: [asking] },
      FriendsPanelActions.searchChanged({ query: 'a' }),
      FriendsApiActions.searchSucceeded({
        query: 'a',
        users: [stranger, ada, asked.user, asking.user],
        nextCursor: null,
        append: false,
      }),
    );
    const { rows, buttonIn, dispatched } = await setup(state);
    const [strangerRow, adaRow, askedRow, askingRow] = rows('Search results');
    buttonIn(strangerRow, 'Add friend')!.click();
    expect(dispatched).toHaveBeenCalledWith(FriendsPanelActions.addFriendClicked({ userId: stranger.id }));
    expect(adaRow.textContent).toContain('Friends');
    expect(buttonIn(adaRow, 'Add friend')).toBeUndefined();
    expect(askedRow.textContent).toContain('Requested');
    buttonIn(askingRow, 'Accept')!.click();
    expect(dispatched).toHaveBeenCalledWith(FriendsPanelActions.acceptClicked({ request: asking }));
  });

  describe('with DIRECT_MESSAGES=everyone', () => {
    const everyone = FriendsApiActions.directoryModeLoaded({ directMessages: 'everyone' });
    const found = (users: PublicUser[], lists: Lists = {}, ...more: object[]) =>
      stateWith(
        lists,
        FriendsPanelActions.searchChanged({ query: 'a' }),
        FriendsApiActions.searchSucceeded({ query: 'a', users, nextCursor: null, append: false }),
        ...more,
      );

    it('offers "Message" to anyone found, the friend request still beside it; not to someone blocked', async () => {
      const stranger = buildPublicUser({ displayName: 'Stranger' });
      const blocked = buildPublicUser({ displayName: 'Mallory' });
      const { rows, buttonIn, dispatched } = await setup(
        found([stranger, ada, blocked], { friends: [ada], blocked: [blocked] }, everyone),
      );
      const [strangerRow, adaRow, blockedRow] = rows('Search results');
      expect(buttonIn(strangerRow, 'Add friend')).toBeDefined();
      buttonIn(strangerRow, 'Message')!.click();
      expect(dispatched).toHaveBeenCalledWith(FriendsPanelActions.chatRequested({ userId: stranger.id }));
      expect(buttonIn(strangerRow, 'Message')!.textContent).toContain('Stranger');
      expect(buttonIn(adaRow, 'Message')).toBeUndefined();
      expect(buttonIn(blockedRow, 'Message')).toBeUndefined();
    });

    it('offers nothing new while the mode is friends-only or not known yet', async () => {
      const stranger = buildPublicUser({ displayName: 'Stranger' });
      for (const state of [
        found([stranger]),
        found([stranger], {}, FriendsApiActions.directoryModeLoaded({ directMessages: 'friends' })),
      ]) {
        const { rows, buttonIn } = await setup(state);
        expect(buttonIn(rows('Search results')[0], 'Message')).toBeUndefined();
        TestBed.resetTestingModule();
      }
    });

    it('puts "Message" on a stranger\'s card, which asks for the chat and closes', async () => {
      const stranger = buildPublicUser({ displayName: 'Stranger' });
      const { el, rows, buttonIn, fixture, dispatched } = await setup(found([stranger], {}, everyone));
      rows('Search results')[0].querySelector<HTMLButtonElement>('button[aria-haspopup=dialog]')!.click();
      await fixture.whenStable();
      const dialog = el.querySelector('dialog')!;
      expect(buttonIn(dialog, 'Add friend')).toBeDefined();
      buttonIn(dialog, 'Message')!.click();
      await fixture.whenStable();
      expect(dispatched).toHaveBeenCalledWith(FriendsPanelActions.chatRequested({ userId: stranger.id }));
      expect(dialog.open).toBe(false);
    });
  });

  it('disables "Add friend" while the request is being sent', async () => {
    const stranger = buildPublicUser({ displayName: 'Stranger' });
    const state = stateWith(
      {},
      FriendsPanelActions.searchChanged({ query: 's' }),
      FriendsApiActions.searchSucceeded({ query: 's', users: [stranger], nextCursor: null, append: false }),
      FriendsPanelActions.addFriendClicked({ userId: stranger.id }),
    );
    const { rows, buttonIn } = await setup(state);
    expect(buttonIn(rows('Search results')[0], 'Add friend')!.disabled).toBe(true);
  });

  it('shows requests with a count badge, and answers them', async () => {
    const incoming = buildRequest('incoming', { user: buildPublicUser({ displayName: 'Alan Turing' }) });
    const outgoing = buildRequest('outgoing', { user: buildPublicUser({ displayName: 'Barbara Liskov' }) });
    const { el, rows, buttonIn, dispatched } = await setup(stateWith({ incoming: [incoming], outgoing: [outgoing] }));
    expect(el.querySelector('[data-testid=requests-badge]')?.textContent?.trim()).toBe('1 new');
    const [incomingRow] = rows('Incoming requests');
    expect(incomingRow.textContent).toContain('Alan Turing');
    buttonIn(incomingRow, 'Accept')!.click();
    expect(dispatched).toHaveBeenLastCalledWith(FriendsPanelActions.acceptClicked({ request: incoming }));
    buttonIn(incomingRow, 'Decline')!.click();
    expect(dispatched).toHaveBeenLastCalledWith(FriendsPanelActions.declineClicked({ request: incoming }));
    buttonIn(rows('Sent requests')[0], 'Cancel')!.click();
    expect(dispatched).toHaveBeenLastCalledWith(FriendsPanelActions.cancelRequestClicked({ request: outgoing }));
  });

  it('announces a request that arrives while open, but not the ones already there', async () => {
    const old = buildRequest('incoming');
    const { el, setState } = await setup(stateWith({ incoming: [old] }));
    const announcement = () => el.querySelector('[data-testid=friends-announcement]')?.textContent?.trim();
    expect(announcement()).toBe('');
    const fresh = buildRequest('incoming', { user: buildPublicUser({ displayName: 'Alan Turing' }) });
    await setState(stateWith({ incoming: [old] }, FriendsSocketActions.requestReceived({ request: fresh })));
    expect(announcement()).toBe('Alan Turing sent you a friend request.');
    expect(el.querySelector('[data-testid=friends-announcement]')?.getAttribute('role')).toBe('status');
  });

  describe('profile card', () => {
    async function openCard(name: string, state?: FriendsState) {
      const panel = await setup(state);
      const row = [...panel.el.querySelectorAll('li')].find((li) => li.textContent?.includes(name))!;
      row.querySelector<HTMLButtonElement>('button[aria-haspopup=dialog]')!.click();
      await panel.fixture.whenStable();
      const dialog = panel.el.querySelector('dialog')!;
      return { ...panel, dialog };
    }

    it('shows the person and closes', async () => {
      const { dialog, fixture } = await openCard('Ada Lovelace');
      expect(dialog.open).toBe(true);
      expect(dialog.getAttribute('aria-labelledby')).toBe('profile-card-name');
      expect(dialog.querySelector('#profile-card-name')?.textContent).toContain('Ada Lovelace');
      expect(dialog.textContent).toContain(`@${ada.username}`);
      expect(dialog.textContent).toContain('last seen 5 min ago');
      dialog.querySelector<HTMLButtonElement>('button[aria-label=Close]')!.click();
      await fixture.whenStable();
      expect(dialog.open).toBe(false);
    });

    it('asks before unfriending', async () => {
      const { dialog, buttonIn, fixture, dispatched } = await openCard('Ada Lovelace');
      buttonIn(dialog, 'Unfriend')!.click();
      await fixture.whenStable();
      expect(dispatched).not.toHaveBeenCalledWith(FriendsPanelActions.unfriendConfirmed({ userId: ada.id }));
      expect(dialog.textContent).toContain('Remove Ada Lovelace from your friends?');
      buttonIn(dialog, 'Yes, unfriend')!.click();
      expect(dispatched).toHaveBeenCalledWith(FriendsPanelActions.unfriendConfirmed({ userId: ada.id }));
    });

    it('asks before blocking, and can be talked out of it', async () => {
      const { dialog, buttonIn, fixture, dispatched } = await openCard('Ada Lovelace');
      buttonIn(dialog, 'Block')!.click();
      await fixture.whenStable();
      buttonIn(dialog, 'Cancel')!.click();
      await fixture.whenStable();
      expect(buttonIn(dialog, 'Yes, block')).toBeUndefined();
      buttonIn(dialog, 'Block')!.click();
      await fixture.whenStable();
      buttonIn(dialog, 'Yes, block')!.click();
      const { online: _online, lastSeenAt: _lastSeenAt, since: _since, ...publicAda } = ada;
      expect(dispatched).toHaveBeenCalledWith(FriendsPanelActions.blockConfirmed({ user: publicAda }));
    });

    it('offers "Unblock" for someone blocked', async () => {
      const blocked = buildPublicUser({ displayName: 'Mallory' });
      const { dialog, buttonIn, dispatched } = await openCard('Mallory', stateWith({ blocked: [blocked] }));
      expect(buttonIn(dialog, 'Block')).toBeUndefined();
      buttonIn(dialog, 'Unblock')!.click();
      expect(dispatched).toHaveBeenCalledWith(FriendsPanelActions.unblockClicked({ userId: blocked.id }));
    });

    it('"Message" asks for the chat and closes the card', async () => {
      const { dialog, buttonIn, fixture, dispatched } = await openCard('Grace Hopper');
      expect(dialog.textContent).toContain('online');
      buttonIn(dialog, 'Message')!.click();
      await fixture.whenStable();
      expect(dispatched).toHaveBeenCalledWith(FriendsPanelActions.chatRequested({ userId: grace.id }));
      expect(dialog.open).toBe(false);
    });
  });
});
