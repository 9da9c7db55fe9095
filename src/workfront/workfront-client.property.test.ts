import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { readEnvelope } from './workfront-client';
import { WorkfrontApiError } from './workfront-errors';
import { workItemWire } from './work-items';
import { parseWire } from './wire-schemas';

const hexDigit = fc.constantFrom(...Array.from('0123456789abcdef'));
// A raw answer is text, whatever its status: 204 and 304 included, unlike a Response.
const statuses = fc.integer({ min: 200, max: 599 });
const retryAfters = fc.option(fc.oneof(fc.string(), fc.nat().map(String)), { nil: null });
const bodies = fc.oneof(
  fc.string(),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.record({ error: fc.jsonValue() }).map((value) => JSON.stringify(value)),
  fc.record({ data: fc.jsonValue() }).map((value) => JSON.stringify(value)),
  fc.constant('<!doctype html><h1>502 Bad Gateway</h1>'),
);

function outcome(body: string, status: number, retryAfter: string | null = null) {
  try {
    return { data: readEnvelope({ status, retryAfter, body }) };
  } catch (error) {
    return { error };
  }
}

describe('readEnvelope, for any answer', () => {
  it('returns data or throws a WorkfrontApiError, nothing else', () => {
    fc.assert(
      fc.property(bodies, statuses, retryAfters, (body, status, retryAfter) => {
        const result = outcome(body, status, retryAfter);
        if ('error' in result) expect(result.error).toBeInstanceOf(WorkfrontApiError);
      }),
      { numRuns: 1_000 },
    );
  });

  it('never returns data for an error envelope, whatever the status', () => {
    fc.assert(
      fc.property(fc.jsonValue(), statuses, (error, status) => {
        const result = outcome(JSON.stringify({ error, data: [] }), status);
        expect(result).toHaveProperty('error');
      }),
    );
  });

  it('never returns data for a failed status', () => {
    fc.assert(
      fc.property(bodies, fc.integer({ min: 400, max: 599 }), (body, status) => {
        expect(outcome(body, status)).toHaveProperty('error');
      }),
    );
  });
});

describe('the work item schema, for any payload', () => {
  it('reads items or throws a WorkfrontApiError naming the field', () => {
    const item = fc.record(
      {
        ID: fc.oneof(fc.string({ unit: hexDigit, minLength: 32, maxLength: 32 }), fc.jsonValue()),
        objCode: fc.oneof(fc.constantFrom('TASK', 'OPTASK', 'PROJ', 'task'), fc.jsonValue()),
        name: fc.oneof(fc.string(), fc.jsonValue()),
        status: fc.oneof(fc.constantFrom('NEW', 'INP', ''), fc.jsonValue()),
        percentComplete: fc.oneof(fc.double(), fc.jsonValue()),
        priority: fc.oneof(fc.integer(), fc.jsonValue()),
        plannedCompletionDate: fc.oneof(
          fc.constantFrom('2026-03-24T17:00:00:000-0700', '2026-02-31T17:00:00:000-0700', null),
          fc.jsonValue(),
        ),
        project: fc.jsonValue(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.array(item), fc.jsonValue()), (data) => {
        try {
          parseWire(v.array(workItemWire), data, 'a work list');
        } catch (error) {
          expect(error).toBeInstanceOf(WorkfrontApiError);
          expect((error as WorkfrontApiError).kind).toBe('malformed');
        }
      }),
      { numRuns: 1_000 },
    );
  });
});
