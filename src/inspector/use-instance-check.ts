import { useCallback, useEffect, useState } from 'react';
import { useAuthClient } from '../auth';
import { flowLog } from './flow-log';
import { createInstanceProbes } from './instance-probes';
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
    const redirectUri = `${window.location.origin}${config.redirectPath}`;
    const probes = createInstanceProbes(config, redirectUri, flowLog.events, (request, signal) =>
      auth.send(request, signal, true),
    );
    try {
      const profile = await runInstanceCheck(
        config,
        {
          send: auth.send,
          signInFacts: probes.signInFacts,
          refreshOnce: () => auth.refresh('instance-check'),
          bearerOnly: probes.bearerOnly,
          madeUpRefresh: probes.madeUpRefresh,
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
