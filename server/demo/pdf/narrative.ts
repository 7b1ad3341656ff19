// The words of a proof of execution: what the partner did, per product, with the numbers a real
// engagement report carries. Each product's paragraphs name only that product (and its aliases), so
// a document that leaves a product out really does not evidence it: the checklist's product search
// and a reviewer's reading must both come up empty.
import type { ProductId } from '../../../shared/domain/model.js';
import { PRODUCTS } from '../../../shared/domain/products.js';
import type { Random } from '../random.js';

export interface Story {
  partner: string;
  customer: string;
  random: Random;
}

type Template = (s: Story, n: (min: number, max: number) => string) => string;

const PRODUCT_WORK: Record<ProductId, readonly Template[]> = {
  'd365-sales': [
    (s, n) =>
      `${s.partner} configured Dynamics 365 Sales for the sales organisation of ${s.customer}: ${n(40, 220)} sellers in ${n(3, 9)} regions. We migrated ${n(8, 40)},${n(100, 999)} accounts and ${n(20, 90)},${n(100, 999)} contacts from the legacy CRM, rebuilt the opportunity pipeline with ${n(4, 7)} sales stages and connected Outlook so that sellers track e-mail and meetings against their opportunities. Lead scoring and sales sequences were switched on for the inside sales group.`,
    (s, n) =>
      `A two-day sales process workshop with the sales leadership of ${s.customer} defined the target process, which we then built in Dynamics 365 Sales: quote-to-order with discount approval rules, a product catalogue with ${n(3, 12)} price lists and a regional forecast. ${n(30, 160)} sellers were onboarded in ${n(6, 14)} hands-on sessions, and weekly active usage reached ${n(78, 96)}% in the first month.`,
  ],
  'd365-customer-service': [
    (s, n) =>
      `${s.partner} deployed Dynamics 365 Customer Service for the service desk of ${s.customer} (${n(25, 140)} agents). We designed case routing with ${n(6, 18)} queues and unified routing rules, set up ${n(3, 8)} service level agreements, migrated ${n(2, 9)},${n(100, 999)} open cases and a knowledge base of ${n(150, 900)} articles, and connected the customer self-service portal. Average first response time fell from ${n(6, 20)} hours to ${n(25, 55)} minutes during the pilot.`,
    (s, n) =>
      `For Dynamics 365 Customer Service we added an omnichannel set-up with live chat on the website and e-mail-to-case for ${n(3, 7)} inboxes. Agents work from a single timeline; ${n(12, 30)} case types with entitlements and ${n(20, 60)} e-mail templates were configured with the service managers.`,
  ],
  'd365-field-service': [
    (s, n) =>
      `We implemented Dynamics 365 Field Service for ${n(30, 160)} field technicians of ${s.customer}: work order types, incident types for the ${n(15, 40)} most common repairs, the schedule board for dispatchers and the mobile app on ${n(30, 160)} tablets. Van stock for ${n(20, 90)} vehicles was loaded and is replenished from the central warehouse.`,
    (_s, n) =>
      `Preventive maintenance agreements for ${n(200, 1500)} installed assets now generate work orders automatically in Dynamics 365 Field Service, and first-time fix rate rose from ${n(62, 74)}% to ${n(80, 91)}% over the first ${n(6, 12)} weeks.`,
  ],
  'd365-finance': [
    (s, n) =>
      `${s.partner} implemented Dynamics 365 Finance for ${n(3, 14)} legal entities: chart of accounts, financial dimensions, general ledger, payables, receivables, fixed assets and consolidation. Opening balances for ${n(600, 2400)} ledger accounts were migrated and reconciled, and the first month-end close in the new system took ${n(4, 6)} working days instead of ${n(8, 12)}.`,
    (_s, n) =>
      `Vendor invoice automation in Dynamics 365 Finance now processes about ${n(2, 9)},${n(100, 999)} invoices a month with three-way matching; ${n(40, 80)}% post without manual touch. Intercompany settlement between the entities was automated.`,
  ],
  'd365-business-central': [
    (s, n) =>
      `We implemented Dynamics 365 Business Central for ${s.customer}, replacing an on-premises accounting system: finance, purchasing, sales and inventory for ${n(1, 9)},${n(100, 999)} items in ${n(2, 6)} warehouses. ${n(15, 80)} users work from role centres, bank reconciliation runs on imported statements, and ${n(150, 900)} open purchase orders and ${n(400, 3000)} customers were migrated.`,
    (_s, n) =>
      `Business Central was connected to the web shop and to the payroll provider; ${n(8, 20)} reports were rebuilt, and the finance staff closed their first month in Business Central ${n(2, 4)} days faster than before.`,
  ],
  'power-bi': [
    (s, n) =>
      `${s.partner} built a Power BI reporting layer on the new data: a certified dataset of ${n(12, 45)} tables refreshed ${n(2, 8)} times a day and ${n(8, 30)} reports for management, sales and finance. Row-level security limits each of the ${n(60, 400)} report viewers to their own business unit, and ${n(10, 40)} analysts received Power BI Pro licences and report-authoring training.`,
    (_s, n) =>
      `The monthly management pack, previously assembled by hand from ${n(9, 25)} spreadsheets, is now a single Power BI app; preparation time fell from ${n(3, 6)} days to a few hours.`,
  ],
  'power-apps': [
    (s, n) =>
      `We delivered ${n(3, 9)} Power Apps for ${s.customer}, replacing paper forms and spreadsheets: equipment requests, site inspections with photos, and a supplier onboarding app backed by Dataverse. The apps are used by ${n(80, 900)} employees and handled ${n(1, 9)},${n(100, 999)} requests in their first ${n(4, 10)} weeks.`,
    (_s, n) =>
      `A Power Apps centre of excellence was set up with environment strategy, data loss prevention policies and a maker community of ${n(15, 60)} citizen developers.`,
  ],
  'power-automate': [
    (_s, n) =>
      `We automated ${n(6, 24)} business processes with Power Automate, among them invoice approval, employee onboarding and contract renewal reminders, saving an estimated ${n(120, 700)} hours of manual work a month. ${n(15, 60)} flows run in the production environment under a dedicated service account.`,
    (_s, n) =>
      `Desktop flows in Power Automate replaced ${n(3, 9)} manual data-entry tasks in a legacy system, running unattended every night on ${n(2, 4)} machines.`,
  ],
  'm365-teams': [
    (s, n) =>
      `${s.partner} rolled out Microsoft Teams to ${n(150, 2400)} employees: a governed request process for new workspaces, ${n(8, 40)} meeting rooms equipped for Teams Rooms, and Teams Phone with direct routing for ${n(60, 600)} users. Legacy file shares of ${n(5, 18)} departments were moved into channels.`,
    (_s, n) =>
      `We ran ${n(10, 30)} Microsoft Teams adoption sessions and built a champions network of ${n(15, 60)} employees; ${n(85, 97)}% of licensed users were active in Teams every week by the end of the engagement.`,
  ],
  'm365-sharepoint': [
    (_s, n) =>
      `We built a new SharePoint Online intranet with ${n(6, 20)} communication sites and migrated ${n(2, 18)} TB of documents from on-premises file servers into ${n(40, 300)} SharePoint sites, keeping permissions and version history. Retention labels were applied to ${n(60, 400)} document libraries.`,
    (_s, n) =>
      `Information architecture for SharePoint Online was agreed in ${n(3, 6)} workshops with records management; hub sites, metadata and search verticals let staff find policies and templates in a few clicks.`,
  ],
  'm365-exchange-online': [
    (_s, n) =>
      `We migrated ${n(200, 2500)} mailboxes and ${n(20, 120)} shared mailboxes from Exchange Server 2016 to Exchange Online in ${n(6, 14)} weekend batches without loss of mail. Mail flow, SPF, DKIM and DMARC were configured, and the on-premises servers were decommissioned.`,
    (_s, n) =>
      `Exchange Online retention policies and litigation hold were set up for ${n(40, 200)} mailboxes of regulated roles, and public folders were replaced by shared mailboxes.`,
  ],
  'm365-intune': [
    (s, n) =>
      `${s.partner} enrolled ${n(200, 2500)} Windows devices and ${n(100, 900)} mobile devices into Microsoft Intune: Windows Autopilot for new laptops, compliance policies, BitLocker, update rings and app protection policies for iOS and Android. ${n(25, 90)} applications were packaged and deployed through Intune.`,
    (_s, n) =>
      `Conditional access now requires an Intune-compliant device for access to company data; ${n(92, 99)}% of devices were compliant at sign-off, and new laptops reach users ready to work in under ${n(40, 90)} minutes.`,
  ],
  'm365-defender': [
    (_s, n) =>
      `We deployed Microsoft Defender for Office 365 Plan 2: Safe Links, Safe Attachments, anti-phishing policies with impersonation protection for ${n(10, 40)} executives, and attack simulation training for ${n(200, 2500)} users. The click rate in phishing simulations fell from ${n(18, 30)}% to ${n(3, 8)}%.`,
    (_s, n) =>
      `Automated investigation and response in Defender for Office 365 now handles reported messages; the security operations staff review about ${n(20, 90)} alerts a week instead of ${n(200, 500)}.`,
  ],
  'm365-copilot': [
    (s, n) =>
      `${s.partner} prepared ${s.customer} for Microsoft 365 Copilot: a data readiness assessment of ${n(150, 900)} sites with remediation of overshared content, sensitivity labels, and a pilot of ${n(25, 80)} Copilot licences followed by a rollout to ${n(150, 900)} users.`,
    (_s, n) =>
      `We ran ${n(8, 24)} Copilot prompt-writing workshops by role (sales, finance, HR); in the follow-up survey users reported saving ${n(20, 55)} minutes a day on average with Microsoft 365 Copilot.`,
  ],
};

const GENERAL_WORK: Record<'discovery' | 'delivery' | 'training' | 'hypercare', Template> = {
  discovery: (s, n) =>
    `The engagement began with a discovery and envisioning workshop with ${n(8, 24)} stakeholders from IT, finance and operations. Together we documented ${n(40, 160)} requirements, prioritised them into ${n(2, 4)} releases and sized the licences needed; ${s.partner} advised ${s.customer} on the choice of Microsoft subscriptions and quantities before the purchase.`,
  delivery: (s, n) =>
    `Delivery followed a two-week sprint cadence with a steering committee every month. ${s.partner} provided a project manager, a solution architect and ${n(2, 6)} consultants; ${s.customer} provided a product owner and key users from each department. All ${n(120, 400)} test cases of the acceptance plan passed before go-live.`,
  training: (s, n) =>
    `We trained ${n(12, 60)} key users in ${n(5, 16)} sessions and produced quick reference guides and recorded walkthroughs in English and the local language. Key users then trained their colleagues, supported by ${s.partner} during the first weeks.`,
  hypercare: (s, n) =>
    `After go-live ${s.partner} provided ${n(2, 6)} weeks of hypercare: ${n(30, 140)} support requests were raised and resolved, ${n(85, 97)}% of them within one business day, and the solution was handed over to the IT staff of ${s.customer} with full documentation.`,
};

const OUTCOME: Record<ProductId, (n: (min: number, max: number) => string) => string> = {
  'd365-sales': (n) => `${n(40, 220)} sellers working daily in Dynamics 365 Sales; pipeline visibility for all regions.`,
  'd365-customer-service': (n) => `${n(25, 140)} agents on Dynamics 365 Customer Service; ${n(90, 99)}% of cases within SLA.`,
  'd365-field-service': (n) => `${n(30, 160)} technicians scheduled through Dynamics 365 Field Service.`,
  'd365-finance': (n) => `Month-end close in Dynamics 365 Finance shortened by ${n(3, 6)} working days.`,
  'd365-business-central': (n) => `${n(15, 80)} users live on Dynamics 365 Business Central; legacy system switched off.`,
  'power-bi': (n) => `${n(8, 30)} Power BI reports in production, used by ${n(60, 400)} viewers.`,
  'power-apps': (n) => `${n(3, 9)} Power Apps in production replacing paper processes.`,
  'power-automate': (n) => `${n(15, 60)} Power Automate flows saving about ${n(120, 700)} hours a month.`,
  'm365-teams': (n) => `${n(85, 97)}% weekly active users in Microsoft Teams.`,
  'm365-sharepoint': (n) => `${n(2, 18)} TB of documents moved to SharePoint Online.`,
  'm365-exchange-online': (n) => `${n(200, 2500)} mailboxes running in Exchange Online.`,
  'm365-intune': (n) => `${n(92, 99)}% of managed devices compliant in Microsoft Intune.`,
  'm365-defender': (n) => `Phishing simulation click rate down to ${n(3, 8)}% with Defender for Office 365.`,
  'm365-copilot': (n) => `${n(150, 900)} users enabled for Microsoft 365 Copilot.`,
};

function numbers(random: Random) {
  return (min: number, max: number) => random.int(min, max).toLocaleString('en-US');
}

export function productList(products: readonly ProductId[]): string {
  const names = products.map((p) => PRODUCTS[p].name);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export function summary(s: Story, products: readonly ProductId[]): string {
  return `${s.partner} advised ${s.customer} on the purchase of ${productList(products)} and delivered the design, deployment, data migration and user adoption described below. This document records the work performed and the customer's acknowledgement of it, as proof of execution for the partner association in Microsoft Partner Center.`;
}

/** The paragraphs of "Work performed": discovery, one or two per product, delivery, training, hypercare. */
export function workPerformed(s: Story, products: readonly ProductId[]): string[] {
  const n = numbers(s.random);
  const perProduct = products.flatMap((p) => s.random.sample(PRODUCT_WORK[p], products.length > 2 ? 1 : 2).map((t) => t(s, n)));
  return [GENERAL_WORK.discovery(s, n), ...perProduct, GENERAL_WORK.delivery(s, n), GENERAL_WORK.training(s, n), GENERAL_WORK.hypercare(s, n)];
}

export function outcomes(s: Story, products: readonly ProductId[]): string[] {
  const n = numbers(s.random);
  return [...products.map((p) => OUTCOME[p](n)), `${n(12, 60)} key users trained; support handed over to the internal IT staff.`];
}

/** What a partner writes when it has not really described its work (PAR "partner solution missing"). */
export function thinWork(s: Story): string[] {
  return [`${s.partner} supported ${s.customer} with Microsoft cloud services. The customer is satisfied with the cooperation.`];
}
