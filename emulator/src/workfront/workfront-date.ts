/**
 * The emulated instance's time zone: UTC-7 all year, like America/Phoenix, so that the offset in
 * every date is non-zero and never shifts with daylight saving time.
 */
export const instanceUtcOffsetMinutes = -7 * 60;

const minuteMs = 60_000;
export const dayMs = 24 * 60 * minuteMs;

/** Formats a date the way Workfront sends it: `2026-03-24T17:00:00:000-0700`. */
export function formatWorkfrontDate(
  time: number,
  offsetMinutes = instanceUtcOffsetMinutes,
): string {
  const local = new Date(time + offsetMinutes * minuteMs).toISOString(); // 2026-03-24T17:00:00.000Z
  const sign = offsetMinutes < 0 ? '-' : '+';
  const hours = pad(Math.floor(Math.abs(offsetMinutes) / 60));
  const minutes = pad(Math.abs(offsetMinutes) % 60);
  return `${local.slice(0, 19)}:${local.slice(20, 23)}${sign}${hours}${minutes}`;
}

const workfrontDatePattern = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}):(\d{3})([+-]\d{2})(\d{2})$/;
const isoWithZonePattern =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads a date in a filter value: Workfront's format, ISO 8601 with a zone, or a bare day
 * (midnight in the instance's time zone). Returns undefined for anything else.
 */
export function parseWorkfrontDate(text: string): number | undefined {
  if (dayPattern.test(text)) {
    return Date.parse(`${text}T00:00:00Z`) - instanceUtcOffsetMinutes * minuteMs;
  }
  const iso = text.replace(workfrontDatePattern, '$1.$2$3:$4');
  if (!isoWithZonePattern.test(iso)) return undefined;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : time;
}

/** Midnight of the instance's calendar day that contains `time`. */
export function startOfInstanceDay(time: number): number {
  const offsetMs = instanceUtcOffsetMinutes * minuteMs;
  return Math.floor((time + offsetMs) / dayMs) * dayMs - offsetMs;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
