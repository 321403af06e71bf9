import { firstValueFrom, of } from 'rxjs';

import { withWebLock } from './web-lock';

describe('withWebLock', () => {
  const original = Object.getOwnPropertyDescriptor(navigator, 'locks');
  afterEach(() => {
    if (original) Object.defineProperty(navigator, 'locks', original);
    else delete (navigator as { locks?: unknown }).locks;
  });

  function locksThatAnswer(request: LockManager['request']): void {
    Object.defineProperty(navigator, 'locks', { value: { request }, configurable: true });
  }

  it('runs the work while holding the lock', async () => {
    const request = jest.fn((_name: string, _options: LockOptions, callback: () => Promise<void>) => callback());
    locksThatAnswer(request as unknown as LockManager['request']);
    await expect(firstValueFrom(withWebLock('refresh', () => of('done')))).resolves.toBe('done');
    expect(request).toHaveBeenCalledWith('refresh', expect.anything(), expect.any(Function));
  });

  it('runs the work anyway where the browser denies locks (a third-party frame with third-party cookies blocked)', async () => {
    locksThatAnswer((() =>
      Promise.reject(
        new DOMException('The request was denied.', 'SecurityError'),
      )) as unknown as LockManager['request']);
    await expect(firstValueFrom(withWebLock('refresh', () => of('done')))).resolves.toBe('done');
  });

  it('passes on any other failure', async () => {
    locksThatAnswer((() =>
      Promise.reject(new DOMException('Broken', 'InvalidStateError'))) as unknown as LockManager['request']);
    await expect(firstValueFrom(withWebLock('refresh', () => of('done')))).rejects.toThrow('Broken');
  });
});
