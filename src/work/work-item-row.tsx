import { Link } from 'react-router';
import { useWorkfrontLabels } from '../components/workfront-labels';
import { useFormat } from '../i18n/format';
import { useMessages } from '../i18n/i18n-context';
import { systemStatusOf, type WorkItem, type WorkfrontStatusLabel } from '../workfront';
import { messages } from './messages';

/** A task or an issue in My work: its name links to its page, its fields follow in one line. */
export function WorkItemRow({
  item,
  workfrontLabel,
}: {
  item: WorkItem;
  workfrontLabel: WorkfrontStatusLabel;
}) {
  const t = useMessages(messages);
  const format = useFormat();
  const labels = useWorkfrontLabels();
  return (
    <>
      <Link to={`/work/${item.kind}/${item.id}`} className="work-row-name">
        {item.name}
      </Link>
      <span className="work-row-meta">
        <span className={`status status-${systemStatusOf(item.status)}`}>
          {labels.status(item.status, workfrontLabel(item.status, item.kind))}
        </span>
        <span>{format.percent(item.percentComplete)}</span>
        <span>{t(item.kind)}</span>
        {item.project && <span className="work-row-project">{item.project.name}</span>}
        <span>{t('priority', { priority: labels.priority(item.priority) })}</span>
        {item.dueDate && <span>{t('due', { date: format.date(item.dueDate) })}</span>}
      </span>
    </>
  );
}
