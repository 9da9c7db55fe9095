import { Link, useParams } from 'react-router';
import { NotFoundPage } from '../components/not-found-page';
import { useMessages } from '../i18n/i18n-context';
import type { WorkItemKind } from '../workfront';
import { WorkItemDetails } from './work-item-details';
import { workItemMessages as messages } from './work-item-messages';
import { WorkItemNotes } from './work-item-notes';

const isKind = (value: string | undefined): value is WorkItemKind =>
  value === 'task' || value === 'issue';

export function WorkItemPage() {
  const { kind, id } = useParams();
  const t = useMessages(messages);
  if (!isKind(kind) || !id) return <NotFoundPage />;
  return (
    <main className="page">
      <p>
        <Link to="/work">{t('back')}</Link>
      </p>
      <WorkItemDetails kind={kind} id={id} />
      <WorkItemNotes kind={kind} id={id} />
    </main>
  );
}
