// Creating accounts (seeding, tests, administration): the password is hashed before it is stored.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { UserRole } from '../../shared/domain/users.js';
import { PartnerId, PartnerRole } from '../../shared/domain/model.js';
import type { Clock } from '../clock.js';
import type { Tx } from '../db/connect.js';
import { users } from '../db/schema.js';
import { rebuildScope } from '../sync/scope.js';
import { hashPassword } from './passwords.js';

export const NewUser = z
  .strictObject({
    id: z.string().min(1).optional(),
    username: z.string().trim().min(1).max(100),
    password: z.string().min(8, 'a password has at least 8 characters').max(200),
    name: z.string().trim().min(1).max(200),
    role: UserRole,
    partnerId: PartnerId.optional(),
    partnerRole: PartnerRole.optional(),
  })
  .refine((u) => (u.role === 'partner_admin') === (u.partnerId !== undefined && u.partnerRole !== undefined), {
    message: 'a partner admin has a partner ID and a partner role; reviewers and leads have neither',
  });
export type NewUser = z.input<typeof NewUser>;

export async function createUser(db: Tx, clock: Clock, input: NewUser): Promise<string> {
  const user = NewUser.parse(input);
  const id = user.id ?? randomUUID();
  const passwordHash = await hashPassword(user.password);
  return db.transaction(async (tx) => {
    await tx.insert(users).values({
      id,
      username: user.username,
      name: user.name,
      role: user.role,
      partnerId: user.partnerId ?? null,
      partnerRole: user.partnerRole ?? null,
      passwordHash,
      createdAt: new Date(clock.now()),
    });
    // A lead's desk holds the open unassigned pool and the overdue claims from the start.
    if (user.role === 'team_lead') await rebuildScope(tx, clock.now(), id);
    return id;
  });
}
