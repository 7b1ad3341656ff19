// The demo's accounts: one partner admin per partner, the three reviewers and the team lead, and the
// domain Actor each of them acts as. Their passwords are not part of the dataset (which is the same
// for the same seed): loading it draws new ones (seed.ts), so no two installs share them.
import type { Actor } from '../../shared/domain/model.js';
import { DESK_STAFF, PARTNERS } from './cast.js';
import type { Random } from './random.js';
import { type UserRole } from '../../shared/domain/users.js';

export interface DemoUser {
  id: string;
  username: string;
  name: string;
  role: UserRole;
  partnerId?: string;
  partnerRole?: 'billing_admin' | 'global_admin' | 'incentives_admin';
}

export class DemoAccounts {
  readonly users: DemoUser[] = [];
  readonly reviewers: Actor[];
  readonly lead: Actor;
  readonly timer: Actor = { kind: 'timer', id: 'timer', name: 'Timer' };
  private readonly partners = new Map<string, Actor>();

  constructor(random: Random) {
    for (const p of PARTNERS) {
      const user: DemoUser = {
        id: random.uuid(),
        username: `${p.name.split(' ')[0]!.toLowerCase()}.admin`,
        name: p.admin.name,
        role: 'partner_admin',
        partnerId: p.id,
        partnerRole: p.admin.role,
      };
      this.users.push(user);
      this.partners.set(p.id, { kind: 'partner', id: user.id, name: user.name, partnerId: p.id, role: p.admin.role });
    }
    this.reviewers = DESK_STAFF.reviewers.map((r) => {
      const user: DemoUser = { id: random.uuid(), username: r.username, name: r.name, role: 'reviewer' };
      this.users.push(user);
      return { kind: 'reviewer', id: user.id, name: user.name };
    });
    const lead: DemoUser = { id: random.uuid(), username: DESK_STAFF.lead.username, name: DESK_STAFF.lead.name, role: 'team_lead' };
    this.users.push(lead);
    this.lead = { kind: 'team_lead', id: lead.id, name: lead.name };
  }

  partner(partnerId: string): Actor {
    const actor = this.partners.get(partnerId);
    if (!actor) throw new Error(`no demo partner ${partnerId}`);
    return actor;
  }

  /** The reviewer (or the lead) a claim is assigned to, acting as such. */
  assignee(id: string): Actor {
    const actor = [...this.reviewers, this.lead].find((a) => a.id === id);
    if (!actor) throw new Error(`no demo reviewer ${id}`);
    return actor;
  }
}
