// The one Range parser of the claims service and the desktop's document cache (RFC 9110 section 14).
import { describe, expect, it } from 'vitest';
import { parseRange } from '../../../shared/contract/http-range.js';

describe('parseRange', () => {
  it.each([
    ['bytes=0-0', 10, { start: 0, end: 0 }],
    ['bytes=0-99', 1000, { start: 0, end: 99 }],
    ['bytes=5-', 10, { start: 5, end: 9 }],
    ['bytes=900-', 1000, { start: 900, end: 999 }],
    ['bytes=5-100', 10, { start: 5, end: 9 }],
    ['bytes=990-2000', 1000, { start: 990, end: 999 }],
    ['bytes=-3', 10, { start: 7, end: 9 }],
    ['bytes=-100', 1000, { start: 900, end: 999 }],
    ['bytes=-30', 10, { start: 0, end: 9 }],
  ])('serves %s of a %i-byte body as one range', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });

  it.each([
    ['bytes=1000-', 1000],
    ['bytes=-0', 1000],
  ])('answers %s of a %i-byte body as unsatisfiable (416)', (header, size) => {
    expect(parseRange(header, size)).toBe('unsatisfiable');
  });

  it.each([
    ['bytes=9-5', 'an invalid range-spec (last before first)'],
    ['bytes=0-1,3-4', 'several ranges'],
    ['items=0-1', 'another unit'],
    ['bytes=-', 'no positions'],
    [undefined, 'no header'],
  ])('ignores %s (%s): the whole body', (header, _why) => {
    expect(parseRange(header, 10)).toBeNull();
  });
});
