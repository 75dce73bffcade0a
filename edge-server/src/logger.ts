import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import { REDACTED, maskPersonalData, maskText, redactUrl } from './domain/privacy.js';

/** The request as Fastify hands it to the `req` serializer (its own request object). */
interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  headers?: Record<string, string | string[] | undefined>;
  socket?: { remotePort?: number };
}

/**
 * Fastify's request line, with the URL redacted. pino runs serializers after the log formatter, so
 * the URL would otherwise be logged as sent: a handover code (`/m/continue?h=`), a kiosk secret in its
 * first-load link, a phone number in a query, all in clear. Fastify prefers the logger's own
 * serializers to its defaults, so this one replaces its `req`.
 */
export function serializeRequest(req: LoggedRequest) {
  return {
    method: req.method,
    url: typeof req.url === 'string' ? redactUrl(req.url) : req.url,
    version: req.headers?.['accept-version'],
    host: typeof req.host === 'string' ? maskText(req.host) : req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/**
 * JSON logs (pino). Credentials and handover codes are removed by path and from request URLs; ID and
 * phone numbers are masked wherever they appear in what is logged, including free text such as a
 * transcript line.
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
          'handover',
          '*.password',
          '*.secret',
          '*.token',
          '*.handover',
          'req.headers.authorization',
          'req.headers.cookie',
        ],
        censor: REDACTED,
      },
      // Serializers run after the formatter below, so each one masks what it returns itself: an error
      // message can quote what a guest typed ("no booking for 13812345678").
      serializers: {
        req: serializeRequest,
        err: (e: Error) => {
          // pino's serialized error is not a plain object (it has its own prototype): copy it first.
          const { type, message, stack, ...rest } = pino.stdSerializers.err(e);
          return maskPersonalData({ ...rest, type, message, stack });
        },
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

/**
 * Where the logs go: readable coloured lines when a person watches a terminal (`npm start`), JSON
 * lines otherwise (systemd's journal, a log shipper). Masking happens before either, in the logger.
 */
export function logDestination(
  format: 'auto' | 'pretty' | 'json',
  isTerminal = Boolean(process.stdout.isTTY),
  output?: NodeJS.WritableStream,
): pino.DestinationStream | undefined {
  if (format === 'json' || (format === 'auto' && !isTerminal)) return undefined;
  return pretty({
    colorize: isTerminal,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,service',
    sync: true,
    ...(output ? { destination: output } : {}),
  });
}
