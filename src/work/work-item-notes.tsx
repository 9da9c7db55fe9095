import { useQuery } from '@tanstack/react-query';
import { QueryState } from '../components/query-state';
import { useFormat } from '../i18n/format';
import { useMessages } from '../i18n/i18n-context';
import { currentUserQuery, useWorkfrontClient, type WorkItemKind } from '../workfront';
import { workItemNotesQuery } from '../workfront/work-item-detail';
import { workItemMessages as messages } from './work-item-messages';
import { WorkItemNoteForm } from './work-item-note-form';

/** The item's updates (Workfront's notes), newest first, and the form that posts one. */
export function WorkItemNotes({ kind, id }: { kind: WorkItemKind; id: string }) {
  const client = useWorkfrontClient();
  const notes = useQuery(workItemNotesQuery(client, kind, id));
  const me = useQuery(currentUserQuery(client));
  const t = useMessages(messages);
  const format = useFormat();

  return (
    <section aria-labelledby="updates-heading">
      <h2 id="updates-heading">{t('updates')}</h2>
      {/* Waits for the user's ID: an update they began may be kept under it. */}
      {!me.isPending && (
        <WorkItemNoteForm key={`${kind}:${id}`} kind={kind} id={id} userId={me.data?.id ?? null} />
      )}
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
                  {note.sending
                    ? t('sending')
                    : t('noteBy', {
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
