// The team lead's screens and a reviewer's QA tasks, by route (loaded on demand: MUI X is large).
import type { Route } from '../app/route.js';
import { ClaimAsDecidedPage } from './ClaimAsDecidedPage.js';
import { DecisionLogPage } from './DecisionLogPage.js';

export function LeadDesk({ route, navigate }: { route: Route; navigate(r: Route): void }) {
  switch (route.view) {
    case 'lead-log':
      return <DecisionLogPage onOpen={(id) => navigate({ view: 'lead-decision', id })} />;
    case 'lead-decision':
      return <ClaimAsDecidedPage decisionId={route.id} onBack={() => navigate({ view: 'lead-log' })} />;
    default:
      return null;
  }
}
