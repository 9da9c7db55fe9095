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
        {/* It holds its own text as it is typed: no render can write an older value back under
            the keys (WebKit lost keystrokes so). A filter taken from the address draws it anew. */}
        <input
          type="search"
          defaultValue={filter.text}
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
