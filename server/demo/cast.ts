// Who appears in the demo: five partner firms (with the look of their letterhead), their people,
// the review desk's staff, and the customers the partners work for. All fictional; names that can
// appear in a PDF keep to WinAnsi characters, the standard PDF fonts' character set.
import type { ProductId } from '../../shared/domain/model.js';
import type { Color } from './pdf/surface.js';

export type LogoShape = 'facets' | 'compass' | 'shield' | 'hexagon' | 'chevrons';

export interface Person {
  name: string;
  title: string;
  email: string;
  phone: string;
}

export interface PartnerProfile {
  /** Partner Center partner ID (7 digits). */
  id: string;
  /** How the partner is named in Partner Center and in running text. */
  name: string;
  legalName: string;
  tagline: string;
  address: readonly string[];
  web: string;
  /** Short prefix of the partner's document references. */
  refPrefix: string;
  brand: Color;
  accent: Color;
  logo: LogoShape;
  /** The workloads the firm is known for: its claims name these. */
  products: readonly ProductId[];
  /** Who signs and leads engagements; the claim's partner contact is one of them. */
  staff: readonly Person[];
  /** The account in the partner portal that manages claims. */
  admin: { name: string; role: 'billing_admin' | 'global_admin' | 'incentives_admin' };
}

export const PARTNERS: readonly PartnerProfile[] = [
  {
    id: '4127093',
    name: 'Fabrikam',
    legalName: 'Fabrikam, Inc.',
    tagline: 'Microsoft Solutions Partner - Business Applications',
    address: ['Wagramer Strasse 19', '1220 Vienna, Austria'],
    web: 'www.fabrikam.com',
    refPrefix: 'FAB',
    brand: [0.0, 0.42, 0.47],
    accent: [0.96, 0.62, 0.15],
    logo: 'facets',
    products: ['d365-sales', 'd365-customer-service', 'd365-field-service', 'power-bi', 'power-apps'],
    staff: [
      { name: 'Laura Becker', title: 'Engagement Director', email: 'laura.becker@fabrikam.com', phone: '+43 1 205 1180' },
      { name: 'Daniel Hofer', title: 'Solution Architect, Dynamics 365', email: 'daniel.hofer@fabrikam.com', phone: '+43 1 205 1186' },
      { name: 'Anna Leitner', title: 'Delivery Manager', email: 'anna.leitner@fabrikam.com', phone: '+43 1 205 1192' },
    ],
    admin: { name: 'Laura Becker', role: 'global_admin' },
  },
  {
    id: '5283146',
    name: 'Northwind Traders',
    legalName: 'Northwind Traders Ltd.',
    tagline: 'Modern Work and Collaboration',
    address: ['40 Gracechurch Street', 'London EC3V 0BT, United Kingdom'],
    web: 'www.northwindtraders.com',
    refPrefix: 'NWT',
    brand: [0.12, 0.24, 0.5],
    accent: [0.35, 0.7, 0.88],
    logo: 'compass',
    products: ['m365-teams', 'm365-sharepoint', 'm365-exchange-online', 'm365-copilot'],
    staff: [
      { name: 'Oliver Grant', title: 'Head of Customer Success', email: 'oliver.grant@northwindtraders.com', phone: '+44 20 7946 0321' },
      { name: 'Hannah Price', title: 'Senior Consultant, Modern Work', email: 'hannah.price@northwindtraders.com', phone: '+44 20 7946 0388' },
      { name: 'Samuel Okafor', title: 'Adoption and Change Lead', email: 'samuel.okafor@northwindtraders.com', phone: '+44 20 7946 0412' },
    ],
    admin: { name: 'Oliver Grant', role: 'incentives_admin' },
  },
  {
    id: '3961724',
    name: 'Adatum',
    legalName: 'Adatum Corporation s.r.o.',
    tagline: 'Security and Endpoint Management',
    address: ['Rohanske nabrezi 670/17', '186 00 Prague 8, Czech Republic'],
    web: 'www.adatum.com',
    refPrefix: 'ADT',
    brand: [0.55, 0.1, 0.16],
    accent: [0.3, 0.3, 0.33],
    logo: 'shield',
    products: ['m365-intune', 'm365-defender', 'm365-exchange-online'],
    staff: [
      { name: 'Petr Kolar', title: 'Managing Director', email: 'petr.kolar@adatum.com', phone: '+420 222 310 410' },
      { name: 'Eva Machova', title: 'Lead Security Consultant', email: 'eva.machova@adatum.com', phone: '+420 222 310 415' },
      { name: 'Jakub Sedlak', title: 'Endpoint Engineer', email: 'jakub.sedlak@adatum.com', phone: '+420 222 310 427' },
    ],
    admin: { name: 'Petr Kolar', role: 'billing_admin' },
  },
  {
    id: '6038215',
    name: 'Contoso Consulting',
    legalName: 'Contoso Consulting GmbH',
    tagline: 'Data, Analytics and Power Platform',
    address: ['Leopoldstrasse 28', '80802 Munich, Germany'],
    web: 'www.contoso-consulting.de',
    refPrefix: 'CCG',
    brand: [0.36, 0.2, 0.55],
    accent: [0.92, 0.35, 0.45],
    logo: 'hexagon',
    products: ['power-bi', 'power-apps', 'power-automate', 'm365-copilot'],
    staff: [
      { name: 'Sophie Wagner', title: 'Partner, Data and AI', email: 'sophie.wagner@contoso-consulting.de', phone: '+49 89 2180 4410' },
      { name: 'Lukas Brandt', title: 'Power Platform Architect', email: 'lukas.brandt@contoso-consulting.de', phone: '+49 89 2180 4432' },
      { name: 'Mia Schreiber', title: 'Analytics Consultant', email: 'mia.schreiber@contoso-consulting.de', phone: '+49 89 2180 4457' },
    ],
    admin: { name: 'Sophie Wagner', role: 'incentives_admin' },
  },
  {
    id: '4719380',
    name: 'Tailspin Solutions',
    legalName: 'Tailspin Solutions s.r.o.',
    tagline: 'ERP and Finance Transformation',
    address: ['Holandska 2', '639 00 Brno, Czech Republic'],
    web: 'www.tailspin-solutions.cz',
    refPrefix: 'TSP',
    brand: [0.1, 0.45, 0.25],
    accent: [0.55, 0.75, 0.2],
    logo: 'chevrons',
    products: ['d365-business-central', 'd365-finance', 'power-bi'],
    staff: [
      { name: 'Marek Dvorak', title: 'Chief Operating Officer', email: 'marek.dvorak@tailspin-solutions.cz', phone: '+420 541 210 330' },
      { name: 'Klara Benesova', title: 'ERP Project Manager', email: 'klara.benesova@tailspin-solutions.cz', phone: '+420 541 210 345' },
      { name: 'Tomas Vlcek', title: 'Finance Solution Consultant', email: 'tomas.vlcek@tailspin-solutions.cz', phone: '+420 541 210 362' },
    ],
    admin: { name: 'Marek Dvorak', role: 'global_admin' },
  },
];

/** The review desk. Their names never appear in a partner's PDF, so any Latin letters will do. */
export const DESK_STAFF = {
  reviewers: [
    { username: 'jana.svobodova', name: 'Jana Svobodová' },
    { username: 'tomas.novak', name: 'Tomáš Novák' },
    { username: 'priya.raman', name: 'Priya Raman' },
  ],
  lead: { username: 'martina.horakova', name: 'Martina Horáková' },
} as const;

/** Customers: name, mail domain, city. Tenant IDs and contacts are drawn per dataset seed. */
export const CUSTOMERS: readonly { name: string; domain: string; city: string }[] = [
  { name: 'Alpine Ski House', domain: 'alpineskihouse.com', city: 'Innsbruck' },
  { name: 'Bellows College', domain: 'bellowscollege.edu', city: 'Cambridge' },
  { name: 'Coho Winery', domain: 'cohowinery.com', city: 'Mikulov' },
  { name: 'Consolidated Messenger', domain: 'consolidatedmessenger.com', city: 'Leeds' },
  { name: 'Fourth Coffee', domain: 'fourthcoffee.com', city: 'Vienna' },
  { name: 'Graphic Design Institute', domain: 'graphicdesigninstitute.com', city: 'Munich' },
  { name: 'Humongous Insurance', domain: 'humongousinsurance.com', city: 'Frankfurt' },
  { name: 'Litware, Inc.', domain: 'litwareinc.com', city: 'Bratislava' },
  { name: 'Lucerne Publishing', domain: 'lucernepublishing.com', city: 'Zurich' },
  { name: "Margie's Travel", domain: 'margiestravel.com', city: 'Manchester' },
  { name: 'Proseware, Inc.', domain: 'proseware.com', city: 'Prague' },
  { name: 'Relecloud', domain: 'relecloud.com', city: 'Dublin' },
  { name: 'School of Fine Art', domain: 'fineartschool.net', city: 'Krakow' },
  { name: 'Southridge Video', domain: 'southridgevideo.com', city: 'Bristol' },
  { name: 'Trey Research', domain: 'treyresearch.net', city: 'Basel' },
  { name: 'VanArsdel, Ltd.', domain: 'vanarsdelltd.com', city: 'Rotterdam' },
  { name: 'Wide World Importers', domain: 'wideworldimporters.com', city: 'Hamburg' },
  { name: 'Wingtip Toys', domain: 'wingtiptoys.com', city: 'Nuremberg' },
  { name: 'Woodgrove Bank', domain: 'woodgrovebank.com', city: 'Luxembourg' },
  { name: 'Blue Yonder Airlines', domain: 'blueyonderairlines.com', city: 'Amsterdam' },
  { name: 'City Power & Light', domain: 'cpandl.com', city: 'Ostrava' },
  { name: 'Lamna Healthcare Company', domain: 'lamnahealthcare.com', city: 'Graz' },
  { name: 'First Up Consultants', domain: 'firstupconsultants.com', city: 'Birmingham' },
  { name: 'Nod Publishers', domain: 'nodpublishers.com', city: 'Edinburgh' },
  { name: 'Best For You Organics Company', domain: 'bestforyouorganics.com', city: 'Olomouc' },
  { name: 'Vltava Logistics a.s.', domain: 'vltavalogistics.cz', city: 'Prague' },
  { name: 'Moravia Foods s.r.o.', domain: 'moraviafoods.cz', city: 'Zlin' },
  { name: 'Danube Freight GmbH', domain: 'danubefreight.at', city: 'Linz' },
  { name: 'Alpenblick Hotels AG', domain: 'alpenblick-hotels.ch', city: 'Lucerne' },
  { name: 'Harbour Lane Dental Group', domain: 'harbourlanedental.co.uk', city: 'Southampton' },
  { name: 'Northgate Housing Association', domain: 'northgatehousing.org.uk', city: 'Newcastle' },
  { name: 'Kestrel Aviation Services', domain: 'kestrelaviation.com', city: 'Shannon' },
  { name: 'Meridian Medical Devices', domain: 'meridianmed.eu', city: 'Eindhoven' },
  { name: 'Silverline Insurance Brokers', domain: 'silverlinebrokers.com', city: 'Cologne' },
  { name: 'Granite Peak Construction', domain: 'granitepeak.eu', city: 'Salzburg' },
  { name: 'Oakridge Veterinary Clinics', domain: 'oakridgevets.co.uk', city: 'Reading' },
  { name: 'Bluewater Marine Supplies', domain: 'bluewatermarine.com', city: 'Gdansk' },
  { name: 'Crescent City Bank', domain: 'crescentcitybank.eu', city: 'Vienna' },
  { name: 'Helios Solar Installations', domain: 'helios-solar.de', city: 'Leipzig' },
  { name: 'Riverbend School District', domain: 'riverbendschools.org', city: 'Cork' },
  { name: 'Quarry Hill Brewing Co.', domain: 'quarryhillbrewing.com', city: 'Plzen' },
  { name: 'Sapphire Travel Group', domain: 'sapphiretravel.com', city: 'Budapest' },
  { name: 'Evergreen Care Homes', domain: 'evergreencare.co.uk', city: 'York' },
  { name: 'Polaris Engineering s.r.o.', domain: 'polaris-eng.cz', city: 'Pardubice' },
  { name: 'Summit Sports Retail', domain: 'summitsports.eu', city: 'Ljubljana' },
  { name: 'Copperleaf Architects', domain: 'copperleaf.archi', city: 'Copenhagen' },
  { name: 'Cedar & Pine Property Management', domain: 'cedarandpine.com', city: 'Stuttgart' },
  { name: 'Aurora Biotech', domain: 'aurorabiotech.eu', city: 'Uppsala' },
  { name: 'Westbrook Logistics', domain: 'westbrooklogistics.com', city: 'Antwerp' },
  { name: 'Ironbridge Manufacturing', domain: 'ironbridgemfg.co.uk', city: 'Sheffield' },
  { name: 'Nordic Dairy Cooperative', domain: 'nordicdairy.coop', city: 'Aarhus' },
  { name: 'Pinewood Legal LLP', domain: 'pinewoodlegal.com', city: 'London' },
  { name: 'Starling Telecom', domain: 'starlingtelecom.eu', city: 'Warsaw' },
  { name: 'Tidewater Seafood Traders', domain: 'tidewaterseafood.com', city: 'Bergen' },
  { name: 'Greenfield Agritech', domain: 'greenfieldagri.com', city: 'Ceske Budejovice' },
  { name: 'Hollowbrook Museum Trust', domain: 'hollowbrookmuseum.org', city: 'Bath' },
  { name: 'Lakeshore Medical Centre', domain: 'lakeshoremedical.eu', city: 'Geneva' },
  { name: 'Maplewood Packaging', domain: 'maplewoodpack.com', city: 'Lodz' },
  { name: 'Redstone Mining Supplies', domain: 'redstonemining.com', city: 'Katowice' },
  { name: 'Orchid Hospitality Group', domain: 'orchidhospitality.com', city: 'Dubrovnik' },
];

/** Given and family names of customer-side signatories (ASCII: they are printed in PDFs). */
export const CUSTOMER_PEOPLE = {
  given: ['Martin', 'Katarina', 'James', 'Elena', 'Stefan', 'Claire', 'Pavel', 'Monika', 'Thomas', 'Ingrid', 'Lucas', 'Zuzana', 'David', 'Agnieszka', 'Peter', 'Sarah', 'Jiri', 'Helena', 'Michael', 'Lena'],
  family: ['Fischer', 'Novotny', 'Walsh', 'Horvath', 'Bauer', 'Dupont', 'Kovac', 'Schmidt', 'Jensen', 'Nowak', 'Murphy', 'Keller', 'Varga', 'Moreau', 'Lindqvist', 'Brennan', 'Richter', 'Petrov', 'Hughes', 'Vogel'],
  titles: ['Chief Information Officer', 'IT Director', 'Head of IT Operations', 'Chief Financial Officer', 'Head of Sales Operations', 'Director of Customer Service', 'Chief Operating Officer', 'Head of Digital Workplace', 'IT Manager', 'Head of Finance Systems'],
} as const;
