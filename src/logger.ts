import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from './config.ts';

/**
 * Structured JSON logs. Nothing personal is ever logged: callers pass ids, counts and
 * codes, never names, emails or raw payloads; redaction below is a second line of
 * defence for the obvious header and field names.
 */
export function createLogger(level: Config['logLevel'], destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'identity-graph' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.email', '*.phone', '*.name'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
