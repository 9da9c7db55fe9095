import { useQuery } from '@tanstack/react-query';
import { QueryState } from '../components/query-state';
import { useFormat } from '../i18n/format';
import { useMessages } from '../i18n/i18n-context';
import { useWorkfrontClient, type WorkItemKind } from '../workfront';
import { workItemNotesQuery } from '../workfront/work-item-detail';
import { workItemMessages as messages } from './work-item-messages';

/** The item's updates (Workfront's notes), newest first. */
export function WorkItemNotes({ kind, id }: { kind: WorkItemKind; id: string }) {
  const client = useWorkfrontClient();
  const notes = useQuery(workItemNotesQuery(client, kind, id));
  const t = useMessages(messages);
  const format = useFormat();

  return (
    <section aria-labelledby="updates-heading">
      <h2 id="updates-heading">{t('updates')}</h2>
      <QueryState
        query={notes}
        loading={{ rows: 2, label: t('loadingUpdates') }}
        what={t('whatUpdates')}
        empty={{ message: t('noUpdates'), inSection: true }}
      >
        {(updates) => (
          <ul className="notes">
            {updates.map((note) => (
              <li key={note.id}>
                <p>{note.text}</p>
                <p className="muted">
                  {t('noteBy', {
                    author: note.author ?? t('someone'),
                    date: format.dateTime(note.date),
                  })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
