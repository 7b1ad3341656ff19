// Issue 14, item 14: an instant is accepted in any RFC 3339 form (with or without fractional
// digits, Z or an offset) and kept canonical: UTC with milliseconds, the form the store returns.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Instant } from '../../../shared/domain/model.js';

describe('Instant', () => {
  it.each([
    ['2026-03-02T10:00:00Z', '2026-03-02T10:00:00.000Z'],
    ['2026-03-02T10:00:00.000Z', '2026-03-02T10:00:00.000Z'],
    ['2026-03-02T11:00:00+01:00', '2026-03-02T10:00:00.000Z'],
    ['2026-03-02T05:30:00.5-04:30', '2026-03-02T10:00:00.500Z'],
    ['2026-03-02T10:00:00.123456789Z', '2026-03-02T10:00:00.123Z'],
    ['2026-03-02T00:30:00+02:00', '2026-03-01T22:30:00.000Z'],
    // Canonical already: taken as it is, without a round trip through Date (model.ts).
    ['2028-02-29T23:59:59.999Z', '2028-02-29T23:59:59.999Z'],
    ['0001-01-01T00:00:00.000Z', '0001-01-01T00:00:00.000Z'],
  ])('takes %s as %s', (input, canonical) => {
    expect(Instant.parse(input)).toBe(canonical);
  });

  it.each(['2026-03-02T10:00:00', '2026-03-02', '2026-03-02 10:00:00Z', '2026-02-30T10:00:00Z', '2026-02-29T10:00:00.000Z', 'yesterday', '2026-03-02T25:00:00Z'])('refuses %s', (input) => {
    expect(Instant.safeParse(input).success).toBe(false);
  });

  it('is described as a date-time string on both sides of a boundary', () => {
    expect(z.toJSONSchema(Instant, { io: 'input' })).toMatchObject({ type: 'string', format: 'date-time' });
    expect(z.toJSONSchema(Instant, { io: 'output' })).toMatchObject({ type: 'string', format: 'date-time' });
  });
});
