/**
 * The words of the seed company. Some are deliberately awkward: Unicode, a very long name, and
 * text that looks like HTML or script, which an app must show as text.
 */
export interface SeedUser {
  firstName: string;
  lastName: string;
  emailAddr: string;
  title: string;
}

/** The first one is the demo user. */
export const seedUsers: readonly SeedUser[] = [
  { firstName: 'Dana', lastName: 'Demo', emailAddr: 'demo@example.com', title: 'Project Manager' },
  {
    firstName: 'Priya',
    lastName: 'Raman',
    emailAddr: 'priya.raman@example.com',
    title: 'Senior Designer',
  },
  {
    firstName: 'Marcus',
    lastName: 'Oyelaran',
    emailAddr: 'marcus.oyelaran@example.com',
    title: 'Software Developer',
  },
  // Workfront builds `name` as first name, space, last name, even for Chinese names.
  {
    firstName: '小明',
    lastName: '李',
    emailAddr: 'xiaoming.li@example.com',
    title: 'Content Strategist',
  },
  {
    firstName: 'José',
    lastName: 'Álvarez',
    emailAddr: 'jose.alvarez@example.com',
    title: 'Account Director',
  },
  {
    firstName: 'Zoë',
    lastName: 'Østergaard',
    emailAddr: 'zoe.ostergaard@example.com',
    title: 'UX Researcher',
  },
  {
    firstName: 'Maximiliane Alexandra Konstanze Friederike',
    lastName: 'von Hohenzollern-Sigmaringen-Wittelsbach-Schaumburg-Lippe',
    emailAddr: 'maximiliane.hohenzollern@example.com',
    title: 'Legal Counsel',
  },
  {
    firstName: 'Sam',
    lastName: "O'Brien",
    emailAddr: 'sam.obrien@example.com',
    title: 'QA Engineer',
  },
  {
    firstName: 'Николай',
    lastName: 'Петров',
    emailAddr: 'nikolai.petrov@example.com',
    title: 'Data Analyst',
  },
  {
    firstName: 'Fatima',
    lastName: 'Al-Sayed',
    emailAddr: 'fatima.alsayed@example.com',
    title: 'Marketing Manager',
  },
  {
    firstName: 'Tomás',
    lastName: 'Ferreira',
    emailAddr: 'tomas.ferreira@example.com',
    title: 'Copywriter',
  },
  {
    firstName: 'Aiko',
    lastName: 'Tanaka',
    emailAddr: 'aiko.tanaka@example.com',
    title: 'Resource Manager',
  },
];

export const projectNames: readonly string[] = [
  'Website Redesign 2026',
  'Spring Product Launch',
  'Mobile App 3.0',
  'Brand Guidelines Refresh',
  '</script><script>alert("project")</script> Partner Portal',
  'Q3 Financial Reporting',
  'Lanzamiento en España — Fase 2',
  '年度市场计划 Annual Marketing Plan',
  'Data Warehouse Migration',
  'Office Move: Berlin → München',
];

/** The demo user's first work items get these names, so every data set size shows them. */
export const featuredWorkItemNames: readonly string[] = [
  'Review homepage hero copy',
  '<img src=x onerror=alert(1)>',
  'Übersetzung prüfen: Größe & Maße',
  '准备第三季度报告 (Prepare the Q3 report)',
  'Fix footer text "</script><script>alert(\'task\')</script>"',
  'Coordinate the cross-functional review of the localisation, accessibility, legal and ' +
    'brand-compliance findings for every market-specific landing page before the regional ' +
    'go-live sign-off meeting',
  '🚀 Launch-day war room & <b>go/no-go</b> call',
];

export const taskVerbs: readonly string[] = [
  'Draft',
  'Review',
  'Approve',
  'Update',
  'Design',
  'Test',
  'Publish',
  'Plan',
  'Translate',
  'Prepare',
];

export const taskObjects: readonly string[] = [
  'homepage copy',
  'launch checklist',
  'budget forecast',
  'wireframes',
  'press release',
  'user interviews',
  'analytics dashboard',
  'style guide',
  'release notes',
  'vendor contract',
  'social media calendar',
  'onboarding emails',
];

export const issueNames: readonly string[] = [
  'Broken link on the pricing page',
  'Logo blurry on high-resolution screens',
  'Checkout button misaligned in Safari',
  'Typo in the German footer',
  'Export to CSV times out',
  'Missing alt text on the hero image',
  'Wrong currency symbol on invoices',
  'Search returns stale results',
  'Comment shows <a href="javascript:alert(1)">a link</a>',
];

export const descriptions: readonly string[] = [
  'Align with the brand team before the review.',
  'See the brief in the shared drive.',
  'Client asked for two options: <b>bold</b> and subtle.',
  'Deadline agreed in the kickoff meeting.',
];

export const noteTexts: readonly string[] = [
  'Waiting on the final copy from legal.',
  'Moved the deadline after the client call.',
  'Looks good to me — approved ✅',
  'See the attached <b>draft</b>; the tags are not formatting.',
  'Can we split this into two tasks?',
  'Blocked until the vendor replies.',
  'Übergabe an das Team in München.',
  '已与客户确认。',
];
