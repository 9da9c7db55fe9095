import type { AppFields, AppType } from '../oauth/app-fields.ts';

/** The setup form's fields as the page shows them: text, and one checkbox. */
export interface AppFormValues {
  name: string;
  description: string;
  logoUrl: string;
  redirectUrls: string;
  rotateRefreshToken: boolean;
  absoluteExpirationSeconds: string;
  inactivityExpirationSeconds: string;
  applicationDescriptionUrl: string;
  developerName: string;
  developerEmail: string;
  privacyPolicyUrl: string;
}

export function formValuesOfApp(fields: AppFields): AppFormValues {
  return {
    name: fields.name,
    description: fields.description,
    logoUrl: fields.logoUrl,
    redirectUrls: fields.redirectUrls.join('\n'),
    rotateRefreshToken: fields.rotateRefreshToken,
    absoluteExpirationSeconds: fields.absoluteExpirationSeconds?.toString() ?? '',
    inactivityExpirationSeconds: fields.inactivityExpirationSeconds.toString(),
    applicationDescriptionUrl: fields.applicationDescriptionUrl,
    developerName: fields.developerName,
    developerEmail: fields.developerEmail,
    privacyPolicyUrl: fields.privacyPolicyUrl,
  };
}

export function formValuesOfBody(body: Record<string, string | File>): AppFormValues {
  const text = (key: keyof AppFormValues): string => {
    const value = body[key];
    return typeof value === 'string' ? value : '';
  };
  return {
    name: text('name'),
    description: text('description'),
    logoUrl: text('logoUrl').trim(),
    redirectUrls: text('redirectUrls'),
    rotateRefreshToken: body.rotateRefreshToken === 'on',
    absoluteExpirationSeconds: text('absoluteExpirationSeconds').trim(),
    inactivityExpirationSeconds: text('inactivityExpirationSeconds').trim(),
    applicationDescriptionUrl: text('applicationDescriptionUrl').trim(),
    developerName: text('developerName'),
    developerEmail: text('developerEmail').trim(),
    privacyPolicyUrl: text('privacyPolicyUrl').trim(),
  };
}

/** Whole numbers become numbers; anything else stays text for the validator to refuse. */
const seconds = (text: string): number | string => (/^\d+$/.test(text) ? Number(text) : text);

/**
 * The same input the JSON API takes, so that one validator checks both. A machine-to-machine app
 * has only a name and a description on this form (its keys have their own buttons), so the other
 * fields are left out and keep their value.
 */
export function appInputOfForm(values: AppFormValues, type: AppType): Record<string, unknown> {
  const common = { name: values.name, description: values.description };
  if (type === 'm2m') return common;
  return {
    ...common,
    logoUrl: values.logoUrl,
    redirectUrls: values.redirectUrls
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== ''),
    rotateRefreshToken: values.rotateRefreshToken,
    absoluteExpirationSeconds:
      values.absoluteExpirationSeconds === '' ? null : seconds(values.absoluteExpirationSeconds),
    inactivityExpirationSeconds: seconds(values.inactivityExpirationSeconds),
    applicationDescriptionUrl: values.applicationDescriptionUrl,
    developerName: values.developerName,
    developerEmail: values.developerEmail,
    privacyPolicyUrl: values.privacyPolicyUrl,
  };
}
