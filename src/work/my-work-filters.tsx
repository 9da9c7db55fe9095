import { useWorkfrontLabels } from '../components/workfront-labels';
import { useMessages } from '../i18n/i18n-context';
import type { WorkfrontStatusLabel } from '../workfront';
import type { WorkFilter } from './due-groups';
import { messages } from './messages';

/** The name-or-project search and the status choice, among the statuses My work holds. */
export function MyWorkFilters({
  filter,
  statuses,
  workfrontLabel,
  onChange,
}: {
  filter: WorkFilter;
  statuses: readonly string[];
  workfrontLabel: WorkfrontStatusLabel;
  onChange: (filter: WorkFilter) => void;
}) {
  const t = useMessages(messages);
  const labels = useWorkfrontLabels();
  return (
    <div className="filters" role="search">
      <label>
        {t('filter')}
        <input
          type="search"
          value={filter.text}
          placeholder={t('filterPlaceholder')}
          onChange={(event) => {
            onChange({ ...filter, text: event.target.value });
          }}
        />
      </label>
      <label>
        {t('status')}
        <select
          value={filter.status}
          onChange={(event) => {
            onChange({ ...filter, status: event.target.value });
          }}
        >
          <option value="">{t('allStatuses')}</option>
          {statuses.map((status) => (
            <option key={status} value={status}>
              {labels.status(status, workfrontLabel(status))}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
