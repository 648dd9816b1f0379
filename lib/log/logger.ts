// The one structured logger: JSON lines on stdout (pino), level from LOG_LEVEL (default info).
// The console's server, the workers, the command-line tools and the local services all log
// through it, so a log collector reads one format. The instance lives on globalThis: the custom
// server (scripts/serve.ts) and the code Next bundles share one stream and one configuration.
import pino, { type Logger } from "pino";
import { REDACT_PATHS } from "./redact";

const KEY = Symbol.for("billing-console.logger");
const store = globalThis as unknown as { [KEY]?: Logger };

const LEVELS = new Set(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

/** LOG_LEVEL when it names a pino level, else info. */
export function logLevel(value = process.env.LOG_LEVEL): string {
  const level = value?.trim().toLowerCase();
  return level && LEVELS.has(level) ? level : "info";
}

/** A logger writing to `destination` (stdout when omitted); tests pass their own stream. */
export function createLogger(
  options: { service?: string; level?: string } = {},
  destination?: pino.DestinationStream,
): Logger {
  return pino(
    {
      level: options.level ?? logLevel(),
      // LOG_SERVICE names the process (npm start sets web, worker-1, crm, documents).
      base: { service: options.service ?? process.env.LOG_SERVICE ?? null, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Personal data and credentials never reach the log, even when passed by mistake.
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

export const logger: Logger = store[KEY] ?? createLogger();
store[KEY] = logger;

/** A child logger naming the part of the program that logs (`{ component: "worker" }`). */
export function logFor(component: string): Logger {
  return logger.child({ component });
}

/** An error as fields a log line can carry (message and code, not the whole object). */
export function errorFields(error: unknown): { err: { message: string; code?: string; stack?: string } } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { err: { message: error.message, code: typeof code === "string" ? code : undefined, stack: error.stack } };
  }
  return { err: { message: String(error) } };
}
