const workfrontDate =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?::(\d{3}))?([+-])(\d{2})(\d{2})$/;

/**
 * Reads Workfront's dates, which are not ISO 8601: `2026-03-24T17:00:00:000+0400` has a colon
 * before the milliseconds and none in the offset. Returns null for anything else.
 */
export function parseWorkfrontDate(text: string): Date | null {
  const match = workfrontDate.exec(text);
  if (!match) return null;
  const part = (index: number) => Number(match[index] ?? 0);
  const [year, month, day, hour, minute, second, millis] = [1, 2, 3, 4, 5, 6, 7].map(part) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const offsetMinutes = (match[8] === '-' ? -1 : 1) * (part(9) * 60 + part(10));
  if (hour > 23 || minute > 59 || second > 59 || part(9) > 14 || part(10) > 59) return null;
  // Not Date.UTC, which reads the years 0 to 99 as 1900 to 1999.
  const check = new Date(0);
  check.setUTCFullYear(year, month - 1, day);
  check.setUTCHours(hour, minute, second, millis);
  // The date rolls 31 February over into March: such a date is malformed.
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return new Date(check.getTime() - offsetMinutes * 60_000);
}
