// Number keys toggle checklist items: 1-4 the claim-wide items, 5 the first claimed product and
// 6-9 any further products (the sketch's "1-5", extended so every product has a key).
import type { ChecklistItem } from '../../shared/domain/checklist.js';

export function shortcutOf(index: number): number | null {
  return index < 9 ? index + 1 : null;
}

/** A key press moves an item on: not checked, then passed, then missing, then not checked again. */
export function nextState(state: ChecklistItem['state']): ChecklistItem['state'] {
  return state === 'unchecked' ? 'passed' : state === 'passed' ? 'missing' : 'unchecked';
}
