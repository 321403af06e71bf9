import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * Structured JSON logs (pino). Every HTTP request gets an id (the caller's X-Request-Id when it is sane, else a
 * new one), echoed in the response. Credentials never reach the log: auth headers, cookies and password fields
 * are redacted.
 */
export const createLoggingModule = () =>
  LoggerModule.forRoot({
    pinoHttp: {
      level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
      genReqId: (req: IncomingMessage, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
          '*.password',
          '*.currentPassword',
          '*.newPassword',
          '*.token',
          '*.accessToken',
        ],
        censor: '[redacted]',
      },
      autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/api/health') },
      ...(process.env.LOG_PRETTY === 'true' ? { transport: { target: 'pino-pretty' } } : {}),
    },
  });
