import { ConsoleLogger } from '@nestjs/common';

/**
 * Records the error-level lines the app logs from now on (the test app logs through Nest's console logger).
 * Call `stop()` when done.
 */
export function captureErrorLogs(): { lines(): string[]; stop(): void } {
  const spy = jest.spyOn(ConsoleLogger.prototype, 'error');
  return {
    lines: () => spy.mock.calls.map((args) => args.map((arg) => String(arg)).join(' ')),
    stop: () => spy.mockRestore(),
  };
}
