import { describe, expect, it } from 'vitest';
import { parseWorkfrontDate } from './workfront-date';

describe('parseWorkfrontDate', () => {
  it.each([
    ['2017-03-24T17:00:00:000+0400', '2017-03-24T13:00:00.000Z'],
    ['2026-03-24T17:00:00:000-0700', '2026-03-25T00:00:00.000Z'],
    ['2026-12-31T23:59:59:999+0000', '2026-12-31T23:59:59.999Z'],
    ['2026-06-01T00:30:00:250+0530', '2026-05-31T19:00:00.250Z'],
    ['2026-06-01T08:00:00-0200', '2026-06-01T10:00:00.000Z'],
  ])('reads %s', (input, iso) => {
    expect(parseWorkfrontDate(input)?.toISOString()).toBe(iso);
  });

  it.each([
    '2026-03-24T17:00:00.000Z',
    '2026-03-24T17:00:00:000+04:00',
    '2026-03-24',
    '2026-02-31T10:00:00:000+0000',
    '2026-13-01T10:00:00:000+0000',
    '2026-01-01T24:00:00:000+0000',
    '2026-01-01T10:00:00:000+1560',
    'yesterday',
    '',
  ])('refuses %j', (input) => {
    expect(parseWorkfrontDate(input)).toBeNull();
  });
});
