import { useCallback, useEffect, useState } from 'react';
import { useAuthClient } from '../auth';
import { useAppConfig } from '../config/config-context';
import { runInstanceCheck, type CheckStep } from '../workfront/instance-check';
import type { InstanceProfile } from '../workfront/instance-profile';

export type InstanceCheckState =
  | { status: 'idle' }
  | { status: 'running'; step: CheckStep }
  /** `downloadUrl`: the profile as a JSON file, a Blob URL revoked when no longer shown. */
  | { status: 'done'; profile: InstanceProfile; downloadUrl: string }
  | { status: 'failed'; reason: string };

export const profileFileName = 'workfront-instance-profile.json';

/** Runs "Check this Workfront" with the app's own auth client and config. */
export function useInstanceCheck() {
  const auth = useAuthClient();
  const config = useAppConfig();
  const [state, setState] = useState<InstanceCheckState>({ status: 'idle' });

  const downloadUrl = state.status === 'done' ? state.downloadUrl : undefined;
  useEffect(
    () => () => {
      if (downloadUrl) URL.revokeObjectURL(downloadUrl);
    },
    [downloadUrl],
  );

  const run = useCallback(async () => {
    setState({ status: 'running', step: 'signIn' });
    try {
      const profile = await runInstanceCheck(
        config,
        {
          send: auth.send,
          signInFacts: auth.probes.signInFacts,
          refreshOnce: () => auth.refresh('instance-check'),
          bearerOnly: auth.probes.bearerOnly,
          madeUpRefresh: auth.probes.madeUpRefresh,
        },
        (step) => {
          setState({ status: 'running', step });
        },
      );
      const file = new Blob([`${JSON.stringify(profile, null, 2)}\n`], {
        type: 'application/json',
      });
      setState({ status: 'done', profile, downloadUrl: URL.createObjectURL(file) });
    } catch (error) {
      setState({
        status: 'failed',
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }, [auth, config]);

  return { state, run };
}
