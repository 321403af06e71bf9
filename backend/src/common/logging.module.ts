import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

import { ConfigService } from '@nestjs/config';
import { LoggerModule, type Params } from 'nestjs-pino';

import type { AllConfig } from '../config';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * Structured JSON logs (pino). Every HTTP request gets an id (the caller's X-Request-Id when it is sane, else a
 * new one), echoed in the response. Credentials never reach the log: auth headers, cookies and password fields
 * are redacted.
 */
export const createLoggingModule = () =>
  LoggerModule.forRootAsync({
    inject: [ConfigService],
    useFactory: (config: ConfigService<AllConfig, true>) => loggerOptions(config.get('log', { infer: true })),
  });

function loggerOptions({ level, pretty }: AllConfig['log']): Params {
  return {
    pinoHttp: {
      level,
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
      // Probes and scrapes come every few seconds and say nothing about what people do.
      autoLogging: { ignore: (req) => /^\/(api\/health|metrics)(\/|\?|$)/.test(req.url ?? '') },
      ...(pretty ? { transport: { target: 'pino-pretty' } } : {}),
    },
  };
}
