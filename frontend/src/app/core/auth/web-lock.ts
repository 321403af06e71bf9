import { defer, finalize, Observable, type Subscription } from 'rxjs';

/**
 * Runs `work` while holding the named Web Lock, so only one tab of this origin does it at a time (the others wait
 * their turn). Where the Web Locks API is missing, or denied (Chromium denies it inside a portal's cross-site frame
 * when third-party cookies are blocked), runs it directly.
 */
export function withWebLock<T>(name: string, work: () => Observable<T>): Observable<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return defer(work);
  return new Observable<T>((subscriber) => {
    const abort = new AbortController();
    let inner: Subscription | undefined;
    locks
      .request(
        name,
        { signal: abort.signal },
        () =>
          new Promise<void>((release) => {
            inner = work().pipe(finalize(release)).subscribe(subscriber);
          }),
      )
      .catch((error: unknown) => {
        // Aborted while still waiting for the lock: nobody is listening any more.
        if (abort.signal.aborted) return;
        if (error instanceof DOMException && error.name === 'SecurityError' && !inner) {
          inner = work().subscribe(subscriber);
        } else {
          subscriber.error(error);
        }
      });
    return () => {
      abort.abort();
      inner?.unsubscribe();
    };
  });
}
