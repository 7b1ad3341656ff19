// How seeding reports itself on the console: the demo accounts with their passwords.
import type { SeedResult } from './seed.js';

export function describeSeed(result: SeedResult, publicUrl: string): string {
  const width = Math.max(...result.users.map((u) => u.username.length));
  const pwWidth = Math.max(...result.users.map((u) => u.password.length));
  const lines = [
    `Demo data: ${result.claims} claims, ${result.documents} PoE files, ${result.events} audit events.`,
    'Demo accounts (username  password  role):',
    ...result.users.map((u) => `  ${u.username.padEnd(width)}  ${u.password.padEnd(pwWidth)}  ${u.role}${u.partnerId ? ` (partner ${u.partnerId})` : ''}  ${u.name}`),
  ];
  const sample = result.optOutTokens[0];
  if (sample) lines.push(`A customer opt-out link (claim ${sample.claimNumber}, single use): ${publicUrl.replace(/\/$/, '')}/customer/opt-out/${sample.token}`);
  return lines.join('\n');
}
