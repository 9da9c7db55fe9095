import { describe, expect, it } from 'vitest';
import { parseDateWildcard } from '../src/workfront/date-wildcards.ts';

/** Tuesday 24 March 2026, 11:00 in the instance's time zone (UTC-7). */
const now = Date.UTC(2026, 2, 24, 18, 0);

/** Midnight (or `hour`:00) of a calendar day in the instance's time zone. */
const local = (year: number, month: number, day: number, hour = 0) =>
  Date.UTC(year, month - 1, day, hour + 7);

describe('date wildcards (workfront-api-constants WildCards)', () => {
  it.each([
    ['$$TODAY', local(2026, 3, 24)],
    ['$$NOW', now],
    ['$$TODAY+1d', local(2026, 3, 25)],
    ['$$TODAY-1d', local(2026, 3, 23)],
    ['$$TODAY+2w', local(2026, 4, 7)],
    ['$$TODAY+2m', local(2026, 5, 24)],
    ['$$TODAY-1q', local(2025, 12, 24)],
    ['$$TODAY+1y', local(2027, 3, 24)],
    ['$$NOW+2h', local(2026, 3, 24, 13)],
    ['$$NOW-1d', local(2026, 3, 23, 11)],
    // b and e without a unit are the day: "the end of today would equal 12:00AM tomorrow".
    ['$$TODAYb', local(2026, 3, 24)],
    ['$$TODAYe', local(2026, 3, 25)],
    ['$$TODAYbm', local(2026, 3, 1)],
    ['$$TODAYem', local(2026, 4, 1)],
    // Weeks begin on Sunday.
    ['$$TODAYbw', local(2026, 3, 22)],
    ['$$TODAYew', local(2026, 3, 29)],
    ['$$TODAYbq', local(2026, 1, 1)],
    ['$$TODAYeq', local(2026, 4, 1)],
    ['$$TODAYby', local(2026, 1, 1)],
    ['$$TODAYey', local(2027, 1, 1)],
    ['$$NOWbh', local(2026, 3, 24, 11)],
    // "The end of next week would equal 12:00AM Sunday following the Saturday of next week."
    ['$$TODAYe+1w', local(2026, 4, 5)],
    // "2 weeks from the beginning of this week" (understand-wildcard-filter-variables.md).
    ['$$TODAYb+2w', local(2026, 4, 5)],
    ['$$TODAYb-1m', local(2026, 2, 1)],
  ])('%s', (wildcard, expected) => {
    expect(parseDateWildcard(wildcard, now)).toBe(expected);
  });

  it('keeps the day within the month: 31 January + 1 month is 28 February', () => {
    expect(parseDateWildcard('$$TODAY+1m', local(2026, 1, 31, 12))).toBe(local(2026, 2, 28));
    expect(parseDateWildcard('$$TODAY+1y', local(2028, 2, 29, 12))).toBe(local(2029, 2, 28));
  });

  it.each(['$$TODAY+1', '$$TODAYm', '$$TODAY+1x', '$$TODAYbm+1w', '$$TOMORROW', 'TODAY', ''])(
    'refuses %j',
    (text) => {
      expect(parseDateWildcard(text, now)).toBeUndefined();
    },
  );
});
