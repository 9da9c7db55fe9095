import { useMutation } from '@tanstack/react-query';
import { useEffect, useState, type SubmitEvent } from 'react';
import { SlowNotice } from '../components/query-state';
import { useWorkfrontLabels } from '../components/workfront-labels';
import { useMessages } from '../i18n/i18n-context';
import {
  useWorkfrontClient,
  type WorkItemChanges,
  type WorkItemDetail,
  type WorkItemKind,
} from '../workfront';
import {
  oneTapStatuses,
  updateWorkItemMutation,
  type useWorkItemStatuses,
} from '../workfront/work-item-detail';
import {
  draftStorageKey,
  isEmptyDraft,
  readDraft,
  toChanges,
  unsavedPart,
  withoutSaved,
  writeDraft,
  type WorkItemDraft,
} from './work-item-draft';
import { workItemMessages as messages } from './work-item-messages';

interface UpdateFormProps {
  kind: WorkItemKind;
  id: string;
  item: WorkItemDetail;
  statuses: ReturnType<typeof useWorkItemStatuses>;
  /** The signed-in user, whose drafts are kept under their ID; null when it could not be read. */
  userId: string | null;
}

/**
 * Status and percent complete. What the user typed stays until it is saved or discarded: a save
 * that fails keeps it and offers Retry, and a draft kept in the tab's storage comes back after
 * the session ends, a reload or a sign-in bounce.
 */
export function WorkItemUpdateForm({ kind, id, item, statuses, userId }: UpdateFormProps) {
  const client = useWorkfrontClient();
  const update = useMutation(updateWorkItemMutation(client, kind, id));
  const t = useMessages(messages);
  const labels = useWorkfrontLabels();
  const storageKey = userId === null ? null : draftStorageKey({ userId, kind, id });
  const [restored] = useState(() =>
    storageKey === null ? {} : unsavedPart(readDraft(storageKey) ?? {}, item),
  );
  const [draft, setDraft] = useState<WorkItemDraft>(restored);
  const [showRestored, setShowRestored] = useState(!isEmptyDraft(restored));

  const unsaved = unsavedPart(draft, item);
  const status = draft.status ?? item.status;
  const percent = draft.percentComplete ?? String(item.percentComplete);
  const choices = statuses.choicesFor(item.status);
  // A restored status may be missing while Workfront's list of statuses loads.
  const shownChoices = choices.some((choice) => choice.code === status)
    ? choices
    : [...choices, { code: status, label: null }];
  const { start, done } = oneTapStatuses(kind, choices, item.status);
  const oneTap = [
    ...(start ? [{ label: t('start'), code: start.code }] : []),
    ...(done ? [{ label: t('done'), code: done.code }] : []),
  ];

  useEffect(() => {
    // While a save is on its way, the item already shows it: keep the draft until it lands.
    if (storageKey === null || update.isPending) return;
    writeDraft(storageKey, unsavedPart(draft, item));
  }, [storageKey, draft, item, update.isPending]);

  function save(changes: WorkItemChanges) {
    setShowRestored(false);
    update.mutate(changes, {
      onSuccess: () => {
        setDraft((current) => withoutSaved(current, changes));
      },
    });
  }

  /**
   * Start and Done: the status as if chosen in the form and saved, so that a save that fails
   * keeps it in the form and the tab's draft, to retry, as it would a status the user chose. It
   * is kept before the save starts, as a chosen one is: a session that ends meanwhile takes the
   * page away before the save has failed.
   */
  function saveStatus(code: string) {
    const chosen = { ...draft, status: code };
    setDraft(chosen);
    if (storageKey !== null) writeDraft(storageKey, unsavedPart(chosen, item));
    save({ status: code });
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const changes = toChanges(unsaved);
    if (Object.keys(changes).length > 0) save(changes);
  }

  function discard() {
    setDraft({});
    setShowRestored(false);
    update.reset();
  }

  return (
    <>
      {showRestored && !isEmptyDraft(unsaved) && (
        <div className="panel" role="status">
          <p>{t('restored')}</p>
          <button type="button" onClick={discard}>
            {t('discard')}
          </button>
        </div>
      )}
      <form className="panel update-form" onSubmit={submit}>
        <h2>{t('update')}</h2>
        {oneTap.length > 0 && (
          <div className="button-row">
            {oneTap.map(({ label, code }) => (
              <button
                key={code}
                type="button"
                className="primary"
                disabled={update.isPending}
                onClick={() => {
                  saveStatus(code);
                }}
              >
                {label}
              </button>
            ))}
          </div>
        )}
        <label>
          {t('status')}
          <select
            value={status}
            onChange={(event) => {
              setDraft((current) => ({ ...current, status: event.target.value }));
            }}
          >
            {shownChoices.map(({ code, label }) => (
              <option key={code} value={code}>
                {labels.status(code, label)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('percentComplete')}
          <input
            type="number"
            min={0}
            max={100}
            step={1}
            required
            value={percent}
            onChange={(event) => {
              setDraft((current) => ({ ...current, percentComplete: event.target.value }));
            }}
          />
        </label>
        <button type="submit" className="primary" disabled={update.isPending}>
          {update.isPending ? t('saving') : t('save')}
        </button>
      </form>
      {update.isPending && update.failureCount > 0 && <SlowNotice />}
      {update.isError && (
        <div className="panel error-panel" role="alert">
          <p>{t('notSaved', { reason: labels.apiError(update.error) })}</p>
          <button
            type="button"
            onClick={() => {
              save(update.variables);
            }}
          >
            {labels.retry()}
          </button>
        </div>
      )}
      {update.isSuccess && isEmptyDraft(unsaved) && <p role="status">{t('saved')}</p>}
    </>
  );
}
