import { TestBed } from '@angular/core/testing';

import { PictureEditor } from './picture-editor';

async function setup(inputs: Record<string, unknown> = {}) {
  const fixture = TestBed.createComponent(PictureEditor);
  fixture.componentRef.setInput('name', 'Launch crew');
  for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
  const picked: File[] = [];
  fixture.componentInstance.picked.subscribe((file) => picked.push(file));
  await fixture.whenStable();
  const el: HTMLElement = fixture.nativeElement;
  const choose = async (file: File) => {
    const input = el.querySelector<HTMLInputElement>('input[type=file]')!;
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
    await fixture.whenStable();
  };
  const button = (label: string) =>
    [...el.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === label);
  return { fixture, el, choose, button, picked };
}

const picture = new File(['png'], 'team.png', { type: 'image/png' });

describe('PictureEditor', () => {
  beforeAll(() => {
    URL.createObjectURL = jest.fn(() => 'blob:preview');
    URL.revokeObjectURL = jest.fn();
  });

  it('hands a chosen picture on at once without confirm', async () => {
    const { choose, picked, el } = await setup();
    await choose(picture);
    expect(picked).toEqual([picture]);
    expect(el.textContent).not.toContain('Preview of');
  });

  it('with confirm, previews the picture and hands it on only on Save; Cancel drops it', async () => {
    const { choose, picked, el, button, fixture } = await setup({ confirm: true });
    await choose(picture);
    expect(picked).toEqual([]);
    expect(el.textContent).toContain('Preview of team.png');
    expect(el.querySelector('img')?.getAttribute('src')).toBe('blob:preview');
    button('Cancel')!.click();
    await fixture.whenStable();
    expect(el.textContent).not.toContain('Preview of');
    await choose(picture);
    button('Save picture')!.click();
    expect(picked).toEqual([picture]);
  });

  it('refuses a file that is not a picture or is over 10 MB, and says why', async () => {
    const { choose, picked, el } = await setup();
    await choose(new File(['x'], 'notes.pdf', { type: 'application/pdf' }));
    expect(el.querySelector('[role=alert]')?.textContent).toContain('Choose a picture (JPEG, PNG, WebP or GIF).');
    await choose(new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'huge.png', { type: 'image/png' }));
    expect(el.querySelector('[role=alert]')?.textContent).toContain('Pictures can be at most 10 MB.');
    expect(picked).toEqual([]);
  });

  it('offers remove only when there is a picture, and shows nothing to edit when not editable', async () => {
    const withPicture = await setup({ src: '/api/media/1' });
    expect(withPicture.button('Change picture')).toBeDefined();
    expect(withPicture.button('Remove picture')).toBeDefined();
    const without = await setup();
    expect(without.button('Add a picture')).toBeDefined();
    expect(without.button('Remove picture')).toBeUndefined();
    const readOnly = await setup({ editable: false });
    expect(readOnly.el.querySelector('button')).toBeNull();
  });
});
