// Who signs in, and who they are to the lifecycle: the account roles (one list, used by the
// server's store and HTTP schemas, the desktop contract and the engine) and the one mapping from a
// signed-in user to the domain's Actor. The server builds the actor from the session; the desk
// from its signed-in user; neither from anything a client sends.
import { z } from 'zod';
import type { Actor, PartnerRole } from './model.js';

export const USER_ROLES = ['partner_admin', 'reviewer', 'team_lead'] as const;
export const UserRole = z.enum(USER_ROLES);
export type UserRole = z.infer<typeof UserRole>;

/** The roles that work at the desk (the desktop app): their role names are their actor kinds. */
export const DESK_ROLES = ['reviewer', 'team_lead'] as const satisfies readonly UserRole[];
export const DeskRole = z.enum(DESK_ROLES);
export type DeskRole = z.infer<typeof DeskRole>;

/** The actor a desk user acts as. */
export type DeskActor = Extract<Actor, { kind: DeskRole }>;

interface DeskUser {
  id: string;
  name: string;
  role: DeskRole;
}

interface AnyUser {
  id: string;
  name: string;
  role: UserRole;
  /** Set for a partner admin (the store's constraint), null otherwise. */
  partnerId?: string | null;
  partnerRole?: PartnerRole | null;
}

export function actorOf(user: DeskUser): DeskActor;
export function actorOf(user: AnyUser): Actor;
export function actorOf(user: AnyUser): Actor {
  if (user.role !== 'partner_admin') return { kind: user.role, id: user.id, name: user.name };
  if (!user.partnerId || !user.partnerRole) throw new Error(`The partner admin ${user.id} has no partner or partner role.`);
  return { kind: 'partner', id: user.id, name: user.name, partnerId: user.partnerId, role: user.partnerRole };
}
