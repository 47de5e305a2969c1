/**
 * Structured logs: one JSON line per event, which CloudWatch Logs Insights can query.
 * `PORCH_LOG_LEVEL` (debug, info, warn, error, silent) sets the threshold; the default is info.
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

function write(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  if (levels[level] < threshold()) return;
  const entry: Record<string, unknown> = { level, message, time: new Date().toISOString() };
  for (const [key, value] of Object.entries(fields)) entry[key] = serialize(value);
  (level === "error" ? console.error : console.log)(JSON.stringify(entry));
}

export const log = {
  debug: (message: string, fields?: Record<string, unknown>) => write("debug", message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write("info", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write("warn", message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write("error", message, fields),
};
