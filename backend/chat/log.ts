/**
 * Structured logs: one JSON line per event, which CloudWatch Logs Insights can query.
 * `PORCH_LOG_LEVEL` (debug, info, warn, error, silent) sets the threshold; the default is info.
 * `PORCH_LOG_FORMAT=pretty` writes each event as a short line for a person instead
 * (`14:03:07 info  owner notified  channel=push kind=message`): what `npm start` sets when it
 * runs in a terminal (backend/local/main.ts). Deployed, it is never set: CloudWatch gets JSON.
 */
const levels = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = Exclude<keyof typeof levels, "silent">;

function threshold(): number {
  const name = process.env.PORCH_LOG_LEVEL as keyof typeof levels | undefined;
  return levels[name ?? "info"] ?? levels.info;
}

function serialize(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

/** `key=value`, the value as written when it is a plain word, else as JSON (an error as `Name: message`). */
function field(key: string, value: unknown): string {
  if (value instanceof Error) return `${key}=${JSON.stringify(`${value.name}: ${value.message}`)}`;
  if (typeof value === "string" && /^[\w.:/@+-]+$/.test(value)) return `${key}=${value}`;
  return `${key}=${JSON.stringify(value) ?? String(value)}`;
}

/** One event as a line for a person: local time, level, message, fields. */
function prettyLine(level: Level, message: string, fields: Record<string, unknown>): string {
  const time = new Date().toTimeString().slice(0, 8);
  const details = Object.entries(fields).map(([key, value]) => field(key, value));
  return [`${time} ${level.padEnd(5)} ${message}`, ...details].join("  ");
}

function write(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  if (levels[level] < threshold()) return;
  let line: string;
  if (process.env.PORCH_LOG_FORMAT === "pretty") line = prettyLine(level, message, fields);
  else {
    const entry: Record<string, unknown> = { level, message, time: new Date().toISOString() };
    for (const [key, value] of Object.entries(fields)) entry[key] = serialize(value);
    line = JSON.stringify(entry);
  }
  (level === "error" ? console.error : console.log)(line);
}

export const log = {
  debug: (message: string, fields?: Record<string, unknown>) => write("debug", message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write("info", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write("warn", message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write("error", message, fields),
};
