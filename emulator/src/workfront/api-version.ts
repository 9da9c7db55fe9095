import { WorkfrontApiError } from './envelope.ts';

/** The versions Workfront supports in 2026 (see ../shared/workfront.md). */
export const oldestSupportedVersion = 16;
export const newestSupportedVersion = 22;

/** Matches the first path segment when it names a version at all: `v16.0`, `v9.0`, `v99`… */
export const versionSegmentPattern = 'v[0-9][0-9.]*';

/** Refuses a version outside v16.0–v22.0: 410 for a retired one, 400 for one that never existed. */
export function checkApiVersion(segment: string): void {
  const match = /^v(\d+)\.0$/.exec(segment);
  const major = match ? Number(match[1]) : Number.NaN;
  if (major >= oldestSupportedVersion && major <= newestSupportedVersion) return;
  const supported = `v${oldestSupportedVersion}.0 to v${newestSupportedVersion}.0`;
  if (major < oldestSupportedVersion) {
    throw new WorkfrontApiError(
      410,
      'com.attask.common.UnsupportedVersionException',
      'exception.unsupportedversion',
      `API version ${segment} is retired. Supported versions are ${supported}.`,
    );
  }
  throw new WorkfrontApiError(
    400,
    'com.attask.common.UnsupportedVersionException',
    'exception.unsupportedversion',
    `API version ${segment} does not exist. Supported versions are ${supported}.`,
  );
}

/**
 * The name of a request's API model in Workfront's error texts ("APIModel V17_0 does not support
 * field …"): `v20.0` is V20_0. The unversioned path is served as the newest version.
 */
export function apiModelOf(segment: string | undefined): string {
  const version = segment ?? `v${newestSupportedVersion}.0`;
  return `V${version.slice(1).replace('.', '_')}`;
}
