import type { AppFields } from './app-fields.ts';

/** The seeded single-page application of the demo; its client ID is fixed and in the README. */
export const demoApp: { clientId: string; fields: AppFields } = {
  clientId: 'wf-demo-spa',
  fields: {
    type: 'spa',
    name: 'Workfront OAuth SPA demo',
    description: 'The single-page application of this project, signed in with PKCE.',
    logoUrl: '',
    redirectUrls: ['http://localhost:5173/callback', 'http://localhost:4173/callback'],
    rotateRefreshToken: true,
    absoluteExpirationSeconds: null,
    inactivityExpirationSeconds: 15_552_000,
    applicationDescriptionUrl: '',
    developerName: '',
    developerEmail: '',
    privacyPolicyUrl: '',
    publicKeys: [],
  },
};
