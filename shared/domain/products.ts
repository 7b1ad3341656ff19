// The products and workloads a claim can name (Business Applications and Microsoft 365, spec:
// "What a claim is"). Names are proper names and the same in every language; `aliases` are the
// spellings a PoE commonly uses, which the checklist's suggestions search for.
export const PRODUCTS = {
  'd365-sales': { name: 'Dynamics 365 Sales', family: 'business_applications', aliases: ['D365 Sales', 'Dynamics 365 for Sales'] },
  'd365-customer-service': { name: 'Dynamics 365 Customer Service', family: 'business_applications', aliases: ['D365 Customer Service'] },
  'd365-field-service': { name: 'Dynamics 365 Field Service', family: 'business_applications', aliases: ['D365 Field Service'] },
  'd365-finance': { name: 'Dynamics 365 Finance', family: 'business_applications', aliases: ['D365 Finance'] },
  'd365-business-central': { name: 'Dynamics 365 Business Central', family: 'business_applications', aliases: ['Business Central', 'D365 BC'] },
  'power-bi': { name: 'Power BI', family: 'business_applications', aliases: ['PowerBI', 'Power BI Pro'] },
  'power-apps': { name: 'Power Apps', family: 'business_applications', aliases: ['PowerApps'] },
  'power-automate': { name: 'Power Automate', family: 'business_applications', aliases: ['Microsoft Flow'] },
  'm365-teams': { name: 'Microsoft Teams', family: 'microsoft_365', aliases: ['Teams'] },
  'm365-exchange-online': { name: 'Exchange Online', family: 'microsoft_365', aliases: ['Exchange'] },
  'm365-sharepoint': { name: 'SharePoint Online', family: 'microsoft_365', aliases: ['SharePoint'] },
  'm365-intune': { name: 'Microsoft Intune', family: 'microsoft_365', aliases: ['Intune', 'Endpoint Manager'] },
  'm365-defender': { name: 'Microsoft Defender for Office 365', family: 'microsoft_365', aliases: ['Defender for Office 365', 'Microsoft Defender'] },
  'm365-copilot': { name: 'Microsoft 365 Copilot', family: 'microsoft_365', aliases: ['Copilot for Microsoft 365', 'M365 Copilot'] },
} as const satisfies Record<string, { name: string; family: 'business_applications' | 'microsoft_365'; aliases: readonly string[] }>;

export const PRODUCT_IDS = Object.keys(PRODUCTS) as [keyof typeof PRODUCTS, ...(keyof typeof PRODUCTS)[]];

export function productName(id: keyof typeof PRODUCTS): string {
  return PRODUCTS[id].name;
}
