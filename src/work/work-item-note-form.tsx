import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore, type SubmitEvent } from 'react';
import { useWorkfrontLabels } from '../components/workfront-labels';
import { useMessages } from '../i18n/i18n-context';
import { useWorkfrontClient, type WorkItemKind } from '../workfront';
import { postNoteMutation } from '../workfront/work-item-detail';
import { forgetPostedNote, noteDraftKey, readNoteDraft, writeNoteDraft } from './work-item-draft';
import { workItemMessages as messages } from './work-item-messages';

interface NoteFormProps {
  kind: WorkItemKind;
  id: string;
  /** The signed-in user, whose unposted update is kept under their ID; null when unknown. */
  userId: string | null;
}

/**
 * Posts an update on the item. What the user wrote stays in the box, and in the tab's storage,
 * until Workfront has it: a post that fails keeps it, and so do a reload and a sign-in bounce.
 */
export function WorkItemNoteForm({ kind, id, userId }: NoteFormProps) {
  const client = useWorkfrontClient();
  const t = useMessages(messages);
  const labels = useWorkfrontLabels();
  const storageKey = userId === null ? null : noteDraftKey({ userId, kind, id });
  const options = postNoteMutation(client, kind, id, (posted) => {
    if (storageKey !== null) forgetPostedNote(storageKey, posted);
  });
  const post = useMutation(options);
  const [text, setText] = useState(() => (storageKey === null ? '' : readNoteDraft(storageKey)));

  // Any post of this item on its way, this visit's or one from before the user left the page and
  // came back: none may go twice. When it lands, the box shows what is still kept (onPosted above
  // forgot the posted text, unless it was written on since).
  // What useIsMutating does, with the QueryClient /work loads anyway: that hook would add its code.
  const queryClient = useQueryClient();
  const sending = useSyncExternalStore(
    (listener) => queryClient.getMutationCache().subscribe(listener),
    () => queryClient.isMutating({ mutationKey: options.mutationKey }) > 0,
  );
  const [wasSending, setWasSending] = useState(sending);
  // A post from before the user came back that failed: said as this visit's own failure is.
  const [failure, setFailure] = useState<Error | null>(null);
  if (wasSending !== sending) {
    setWasSending(sending);
    if (!sending) {
      if (storageKey !== null) setText(readNoteDraft(storageKey));
      const last = queryClient
        .getMutationCache()
        .findAll({ mutationKey: options.mutationKey })
        .at(-1);
      setFailure(last?.state.error ?? null);
    }
  }
  const error = post.error ?? failure;

  useEffect(() => {
    if (storageKey !== null) writeNoteDraft(storageKey, text);
  }, [storageKey, text]);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const posted = text.trim();
    if (posted === '') return;
    setFailure(null);
    post.mutate(posted, {
      // Whatever was typed meanwhile stays. Only while the form is here: the stored update is
      // forgotten by the mutation itself (postNoteMutation's onPosted).
      onSuccess: () => {
        setText((current) => (current.trim() === posted ? '' : current));
      },
    });
  }

  return (
    <form className="panel note-form" onSubmit={submit}>
      <label>
        {t('newUpdate')}
        <textarea
          rows={3}
          required
          maxLength={4000}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
          }}
        />
      </label>
      <button type="submit" className="primary" disabled={sending}>
        {sending ? t('posting') : t('postUpdate')}
      </button>
      {error && (
        <p role="alert" className="error-text">
          {t('notPosted', { reason: labels.apiError(error) })}
        </p>
      )}
    </form>
  );
}
