import { Link, useLocation } from 'react-router';
import { useWorkfrontLabels } from '../components/workfront-labels';
import { useFormat } from '../i18n/format';
import { useMessages } from '../i18n/i18n-context';
import { systemStatusOf, type WorkItem, type WorkfrontStatusLabel } from '../workfront';
import { dueWordingOf } from './due-groups';
import { messages } from './messages';

/**
 * A task or an issue in My work: its name links to its page, and the link covers the whole row
 * (app.css), a big enough target on a phone. Status and due date come first: on a phone, they
 * are all of the details that show.
 */
export function WorkItemRow({
  item,
  workfrontLabel,
  now,
}: {
  item: WorkItem;
  workfrontLabel: WorkfrontStatusLabel;
  now: Date;
}) {
  const t = useMessages(messages);
  const format = useFormat();
  const labels = useWorkfrontLabels();
  // The item page's "← My work" comes back to this list, filter and all.
  const { pathname, search } = useLocation();
  return (
    <>
      <Link
        to={`/work/${item.kind}/${item.id}`}
        state={{ workList: `${pathname}${search}` }}
        className="work-row-name"
      >
        {item.name}
      </Link>
      <span className="work-row-meta">
        <span className={`status status-${systemStatusOf(item.status)}`}>
          {labels.status(item.status, workfrontLabel(item.status, item.kind))}
        </span>
        {item.dueDate && <DueDate due={item.dueDate} now={now} />}
        {item.project && <span className="work-row-project">{item.project.name}</span>}
        <span className="work-row-extra">{format.percent(item.percentComplete)}</span>
        <span className="work-row-extra">{t(item.kind)}</span>
        <span className="work-row-extra">
          {t('priority', { priority: labels.priority(item.priority) })}
        </span>
      </span>
    </>
  );
}

/** "3 days overdue", "Due today", "Due tomorrow", or "Due Dec 9, 2026". */
function DueDate({ due, now }: { due: Date; now: Date }) {
  const t = useMessages(messages);
  const format = useFormat();
  const wording = dueWordingOf(due, now);
  const text = {
    overdue: () =>
      wording.type === 'overdue' && wording.days > 1
        ? t('overdueDays', { days: format.number(wording.days) })
        : t('overdueOneDay'),
    today: () => t('dueToday'),
    tomorrow: () => t('dueTomorrow'),
    date: () => t('due', { date: format.date(due) }),
  }[wording.type]();
  return (
    <span className={`due due-${wording.type}`} title={format.date(due)}>
      {text}
    </span>
  );
}
