import { useMemo } from 'react';
import { useAppConfig } from '../config/config-context';
import type { PlainKey } from '../i18n/catalog';
import { useMessages } from '../i18n/i18n-context';
import { systemStatusOf, WorkfrontApiError } from '../workfront';
import { messages } from './messages';

type Plain = PlainKey<(typeof messages)['en']>;

/**
 * Workfront's codes and errors in the user's language. Custom statuses such as INP:A show the
 * label Workfront gave them, or the system status they count as; Workfront's own error messages
 * are shown as text, as Workfront wrote them.
 */
export function useWorkfrontLabels() {
  const t = useMessages(messages);
  const config = useAppConfig();
  return useMemo(() => {
    // Status and priority messages have no placeholders.
    const known = (key: string): key is Plain => key in messages.en;
    return {
      status: (code: string, workfrontLabel?: string | null) => {
        const key = `status.${code}`;
        if (known(key)) return t(key);
        if (workfrontLabel) return workfrontLabel;
        // A custom status Workfront gave no label for: say what it counts as.
        const system = `status.${systemStatusOf(code)}`;
        return known(system) ? `${t(system)} (${code})` : code;
      },
      priority: (priority: number) => {
        const key = `priority.${priority}`;
        return known(key) ? t(key) : String(priority);
      },
      apiError: (error: Error) => {
        if (!(error instanceof WorkfrontApiError)) {
          return t('unexpected', { message: error.message });
        }
        switch (error.kind) {
          case 'network':
            // A direct call that the browser blocks for CORS looks like a network failure.
            return config.apiMode === 'direct'
              ? `${t('network')} ${t('networkDirect')}`
              : t('network');
          case 'timeout':
            return t('timeout', { seconds: error.details.timeoutSeconds ?? '?' });
          case 'http':
            return error.details.status === 503
              ? t('unavailable')
              : t('http', { status: error.details.status ?? '?' });
          case 'malformed':
            return error.message;
          case 'authentication':
            return t('authentication');
          case 'session':
            return t('session');
          case 'workfront':
            // A 503 is Workfront out of service (or at its limit of requests), not a refusal.
            return error.details.status === 503
              ? t('unavailable')
              : t('refused', { message: error.message });
        }
      },
      couldNotLoad: (what: string) => t('couldNotLoad', { what }),
      notFound: (what: string) => t('notFound', { what }),
      slow: () => t('slow'),
      retry: () => t('retry'),
    };
  }, [t, config.apiMode]);
}
