import { TestBed } from '@angular/core/testing';

import { elapsedLabel, VoiceRecorder } from './voice-recorder';

/** A stand-in for the browser's MediaRecorder: stop() hands over one chunk and then fires onstop, as browsers do. */
class FakeRecorder {
  static isTypeSupported = (type: string) => type === 'audio/webm;codecs=opus';
  state: 'inactive' | 'recording' = 'inactive';
  ondataavailable: ((event: { data: Blob }) => void) | null = null;
  onstop: (() => void) | null = null;
  constructor(
    readonly stream: MediaStream,
    readonly options?: { mimeType: string },
  ) {}
  get mimeType(): string {
    return this.options?.mimeType ?? '';
  }
  start(): void {
    this.state = 'recording';
  }
  stop(): void {
    this.state = 'inactive';
    this.ondataavailable?.({ data: new Blob(['opus-bytes'], { type: this.mimeType }) });
    this.onstop?.();
  }
}

async function setup(getUserMedia: () => Promise<MediaStream>) {
  const track = { stop: jest.fn() };
  Object.assign(globalThis, { MediaRecorder: FakeRecorder });
  Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia }, configurable: true });
  const fixture = TestBed.createComponent(VoiceRecorder);
  const files: File[] = [];
  const problems: (string | null)[] = [];
  fixture.componentInstance.recorded.subscribe((file) => files.push(file));
  fixture.componentInstance.problem.subscribe((problem) => problems.push(problem));
  await fixture.whenStable();
  const el: HTMLElement = fixture.nativeElement;
  const start = async () => {
    el.querySelector<HTMLButtonElement>('button[aria-label="Record a voice message"]')!.click();
    await fixture.whenStable();
    await fixture.whenStable();
  };
  return { fixture, el, files, problems, track, start };
}

describe('VoiceRecorder', () => {
  afterEach(() => {
    delete (globalThis as { MediaRecorder?: unknown }).MediaRecorder;
  });

  it('records Opus in WebM, shows the time with focus on Send, and sends the recording as an audio file', async () => {
    const track = { stop: jest.fn() };
    const { el, files, start } = await setup(async () => ({ getTracks: () => [track] }) as unknown as MediaStream);
    await start();
    const group = el.querySelector('[data-testid=voice-recording]')!;
    expect(group.getAttribute('aria-label')).toBe('Voice message');
    expect(el.querySelector('[data-testid=voice-elapsed]')?.textContent).toBe('0:00');
    const send = el.querySelector<HTMLButtonElement>('[data-testid=voice-send]')!;
    expect(document.activeElement).toBe(send);
    send.click();
    expect(files).toHaveLength(1);
    expect(files[0].type).toBe('audio/webm');
    expect(files[0].name).toBe('voice-message.webm');
    expect(files[0].size).toBe('opus-bytes'.length);
    expect(track.stop).toHaveBeenCalled();
  });

  it('throws the recording away with Escape and releases the microphone', async () => {
    const track = { stop: jest.fn() };
    const { el, fixture, files, start } = await setup(
      async () => ({ getTracks: () => [track] }) as unknown as MediaStream,
    );
    await start();
    el.querySelector('[data-testid=voice-recording]')!.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }),
    );
    await fixture.whenStable();
    expect(files).toEqual([]);
    expect(track.stop).toHaveBeenCalled();
    expect(el.querySelector('[data-testid=voice-recording]')).toBeNull();
    expect(el.querySelector('button[aria-label="Record a voice message"]')).not.toBeNull();
  });

  it('says why when the microphone is not allowed', async () => {
    const denied = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    const { el, problems, start } = await setup(denied);
    await start();
    expect(problems.at(-1)).toMatch(/does not allow the microphone/);
    expect(el.querySelector('[data-testid=voice-recording]')).toBeNull();
  });

  it('words the elapsed time as minutes and seconds', () => {
    expect(elapsedLabel(4_900)).toBe('0:04');
    expect(elapsedLabel(754_000)).toBe('12:34');
  });
});
