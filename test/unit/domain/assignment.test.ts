// The suggested assignee: least open work, stable ties, never the reviewer who rejected a disputed claim.
import { describe, expect, it } from 'vitest';
import { suggestAssignee } from '../../../shared/domain/index.js';

const loads = [
  { id: 'r1', name: 'Jana', openClaims: 4 },
  { id: 'r2', name: 'Petr', openClaims: 2 },
  { id: 'r3', name: 'Eva', openClaims: 2 },
];

describe('suggestAssignee', () => {
  it('the reviewer with the least open work; a tie goes to the name', () => {
    expect(suggestAssignee(loads)?.id).toBe('r3');
    expect(suggestAssignee([...loads].reverse())?.id).toBe('r3');
  });
  it('never the excluded (the reviewer who rejected a disputed claim)', () => {
    expect(suggestAssignee(loads, new Set(['r3']))?.id).toBe('r2');
    expect(suggestAssignee(loads, new Set(['r1', 'r2', 'r3']))).toBeNull();
  });
});
