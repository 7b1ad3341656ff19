// How seeding reports itself on the console: the demo accounts with their passwords.
import type { SeedResult } from './seed.js';

/** The demo accounts with their passwords; also printed again at each later start of the store. */
export function describeAccounts(users: SeedResult['users']): string {
  const width = Math.max(...users.map((u) => u.username.length));
  const pwWidth = Math.max(...users.map((u) => u.password.length));
  return [
    'Demo accounts (username  password  role):',
    ...users.map((u) => `  ${u.username.padEnd(width)}  ${u.password.padEnd(pwWidth)}  ${u.role}${u.partnerId ? ` (partner ${u.partnerId})` : ''}  ${u.name}`),
  ].join('\n');
}

export function describeSeed(result: SeedResult, publicUrl: string): string {
  const lines = [`Demo data: ${result.claims} claims, ${result.documents} PoE files, ${result.events} audit events.`, describeAccounts(result.users)];
  const sample = result.optOutTokens[0];
  if (sample) lines.push(`A customer opt-out link (claim ${sample.claimNumber}, single use): ${publicUrl.replace(/\/$/, '')}/customer/opt-out/${sample.token}`);
  return lines.join('\n');
}
