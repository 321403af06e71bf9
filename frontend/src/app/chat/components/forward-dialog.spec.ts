import { TestBed } from '@angular/core/testing';

import { buildConversation, buildGroup } from '../../testing/chat-builders';
import { ForwardDialog } from './forward-dialog';

async function setup() {
  const fixture = TestBed.createComponent(ForwardDialog);
  fixture.componentRef.setInput('conversations', [
    buildConversation(),
    buildGroup({ name: 'Launch crew' }),
    buildGroup({ id: 'left-group', name: 'Old crew', left: true }),
  ]);
  fixture.componentRef.setInput('open', true);
  await fixture.whenStable();
  const el: HTMLElement = fixture.nativeElement;
  /** Each target as what it shows: avatar initials, name, and "Group" for a group. */
  const targets = () =>
    [...el.querySelectorAll<HTMLButtonElement>('[data-testid=forward-target]')].map((target) =>
      [...target.children].map((child) => child.textContent?.trim()),
    );
  return { fixture, el, targets };
}

describe('ForwardDialog', () => {
  it('marks a group as one, so it is not taken for a person, and leaves out groups I left', async () => {
    const { el, targets } = await setup();
    expect(targets()).toEqual([
      ['GH', 'Grace Hopper'],
      ['LC', 'Launch crew', 'Group'],
    ]);
    const avatars = [...el.querySelectorAll('[data-testid=forward-target] app-avatar')];
    expect(avatars.map((avatar) => avatar.getAttribute('aria-hidden'))).toEqual(['true', 'true']);
  });

  it('filters by name as the person types', async () => {
    const { fixture, el, targets } = await setup();
    const filter = el.querySelector<HTMLInputElement>('input[type=search]')!;
    filter.value = 'LAUNCH';
    filter.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(targets()).toEqual([['LC', 'Launch crew', 'Group']]);
  });
});
