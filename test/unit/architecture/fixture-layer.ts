// A module of another layer, imported by a probe in boundaries.test.ts to prove shared/ may not.
export const fixtureLayer = true;
