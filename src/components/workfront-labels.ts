import { useMemo } from 'react';
import { useAppConfig } from '../config/config-context';
import type { PlainKey } from '../i18n/catalog';
import { useMessages } from '../i18n/i18n-context';
import { WorkfrontApiError } from '../workfront/workfront-errors';
import { messages } from './messages';

type Plain = PlainKey<(typeof messages)['en']>;

/**
 * Workfront's codes and errors in the user's language. Custom statuses such as INP:A keep their
 * code; Workfront's own error messages are shown as text, as Workfront wrote them.
 */
export function useWorkfrontLabels() {
  const t = useMessages(messages);
  const config = useAppConfig();
  return useMemo(() => {
    // Status and priority messages have no placeholders.
    const known = (key: string): key is Plain => key in messages.en;
    return {
      status: (code: string) => {
        const key = `status.${code}`;
        return known(key) ? t(key) : code;
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
          case 'http':
            return t('http', { status: error.details.status ?? '?' });
          case 'malformed':
            return error.message;
          case 'authentication':
            return t('authentication');
          case 'session':
            return t('session');
          case 'workfront':
            return t('refused', { message: error.message });
        }
      },
      couldNotLoad: (what: string) => t('couldNotLoad', { what }),
      retry: () => t('retry'),
    };
  }, [t, config.apiMode]);
}
