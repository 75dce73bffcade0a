import pino, { type Logger } from 'pino';
import { maskPersonalData } from './domain/privacy.js';

/**
 * JSON logs (pino). Credentials are removed by path; ID and phone numbers are masked wherever they
 * appear in what is logged, including free text such as a transcript line.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'edge-server' },
      redact: {
        paths: [
          'password',
          'secret',
          'token',
          '*.password',
          '*.secret',
          '*.token',
          'req.headers.authorization',
          'req.headers.cookie',
        ],
        censor: '[redacted]',
      },
      formatters: {
        log: (object) => maskPersonalData(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          // A plain message string can carry a phone number too.
          const masked = args.map((a) => (typeof a === 'string' ? (maskPersonalData(a) as string) : a));
          return method.apply(this, masked as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
