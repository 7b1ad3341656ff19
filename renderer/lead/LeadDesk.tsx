// The team lead's screens and a reviewer's QA tasks, by route (loaded on demand: MUI X is large).
import type { Route } from '../app/route.js';
import { AssignmentPage } from './AssignmentPage.js';
import { ClaimAsDecidedPage } from './ClaimAsDecidedPage.js';
import { DecisionLogPage } from './DecisionLogPage.js';
import { MetricsPage } from './MetricsPage.js';
import { QaDisagreementsPage } from './QaDisagreementsPage.js';
import { QaTaskPage, QaTasksPage } from './QaTasksPage.js';
import { SlaBoardPage } from './SlaBoardPage.js';

export function LeadDesk({ route, navigate }: { route: Route; navigate(r: Route): void }) {
  switch (route.view) {
    case 'lead-log':
      return <DecisionLogPage onOpen={(id) => navigate({ view: 'lead-decision', id })} />;
    case 'lead-decision':
      return <ClaimAsDecidedPage decisionId={route.id} onBack={() => navigate({ view: 'lead-log' })} />;
    case 'lead-assign':
      return <AssignmentPage />;
    case 'lead-sla':
      return <SlaBoardPage />;
    case 'lead-metrics':
      return <MetricsPage />;
    case 'lead-qa':
      return <QaDisagreementsPage />;
    case 'qa-tasks':
      return <QaTasksPage onOpen={(id) => navigate({ view: 'qa-task', id })} />;
    case 'qa-task':
      return <QaTaskPage taskId={route.id} onBack={() => navigate({ view: 'qa-tasks' })} />;
    default:
      return null;
  }
}
