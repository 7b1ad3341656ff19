// Text as every boundary accepts it: well-formed Unicode. A lone UTF-16 surrogate (half of an emoji,
// say a comment cut with .slice) or a NUL has no form PostgreSQL can store in text or jsonb, so such
// a string, once acknowledged, fails every later write that carries it. Each schema that takes text
// from a person (comments, notes, names, justifications, partner fields, search) is built on
// `wellFormedText`, so the broken character is refused where it enters, with a message saying what
// to fix.
import { z } from 'zod';

export const TEXT_NOT_WELL_FORMED = 'contains a broken character (half of an emoji or other symbol, or a NUL): retype or remove it';

const LONE_SURROGATE = /\p{Cs}/u; // with the u flag, \p{Cs} matches only surrogates that are not paired

export const isWellFormedText = (text: string): boolean => !LONE_SURROGATE.test(text) && !text.includes('\u0000');

/** A string schema that refuses text that is not well-formed; chain .trim(), .min(), .max() on it. */
export const wellFormedText = (params?: Parameters<typeof z.string>[0]) => z.string(params).refine(isWellFormedText, { error: TEXT_NOT_WELL_FORMED });

/** True when every string inside a JSON value, keys included, is well-formed. */
export function isWellFormedJson(value: unknown): boolean {
  if (typeof value === 'string') return isWellFormedText(value);
  if (Array.isArray(value)) return value.every(isWellFormedJson);
  if (value && typeof value === 'object') return Object.entries(value).every(([key, v]) => isWellFormedText(key) && isWellFormedJson(v));
  return true;
}
