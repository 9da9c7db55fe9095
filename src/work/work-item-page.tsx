import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useParams } from 'react-router';
import { NotFoundPage } from '../components/not-found-page';
import { useMessages } from '../i18n/i18n-context';
import { isNotFound, useWorkfrontClient, type WorkItemKind } from '../workfront';
import { workItemQuery } from '../workfront/work-item-detail';
import { WorkItemDetails } from './work-item-details';
import { workItemMessages as messages } from './work-item-messages';
import { WorkItemNotes } from './work-item-notes';
import { usePageTitle } from '../components/use-page-title';

const isKind = (value: string | undefined): value is WorkItemKind =>
  value === 'task' || value === 'issue';

/** The My work list, filter and all, that the item was opened from (work-item-row.tsx). */
function useWorkList(): string {
  const state: unknown = useLocation().state;
  const from =
    typeof state === 'object' && state !== null && 'workList' in state ? state.workList : null;
  return typeof from === 'string' && /^\/work(\?|$)/.test(from) ? from : '/work';
}

export function WorkItemPage() {
  const { kind, id } = useParams();
  if (!isKind(kind) || !id) return <NotFoundPage />;
  return <WorkItemScreen kind={kind} id={id} />;
}

function WorkItemScreen({ kind, id }: { kind: WorkItemKind; id: string }) {
  const t = useMessages(messages);
  const workList = useWorkList();
  const item = useQuery(workItemQuery(useWorkfrontClient(), kind, id));
  usePageTitle(item.isError ? null : item.data?.name, t('myWork'));
  return (
    <main className="page">
      <p>
        <Link to={workList}>{t('back')}</Link>
      </p>
      <WorkItemDetails kind={kind} id={id} />
      {/* An item Workfront does not have, or will not show, has no updates to list either. */}
      {!(item.isError && isNotFound(item.error)) && <WorkItemNotes kind={kind} id={id} />}
    </main>
  );
}
