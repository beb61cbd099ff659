// Replay and delete of one DLQ entry, each behind its confirm dialog: the same from a list row and from the entry's
// detail dialog. Each resolves with the outcome (undefined when cancelled) after telling the owner.
import { api } from '../../api.js';
import { confirmDialog, toast } from '../../dom.js';
import { num, t } from '../../i18n.js';

const entryPath = (id, action) => `/owner/dlq/${encodeURIComponent(id)}/${action}`;

/** entry: {id, originalQueue, replayCount}. Resolves with {replayCount, ...} when replayed. */
export async function replayEntry(entry) {
  const result = await confirmDialog({
    title: t('replayConfirmTitle', { id: entry.id }),
    text: t('replayConfirmText', { queue: entry.originalQueue, count: num(entry.replayCount) }),
    confirmLabel: t('replay'), testId: 'replay-dialog',
    onConfirm: async () => (await api('dlq', entryPath(entry.id, 'replay'), { method: 'POST' })).data,
  });
  if (result) toast(t('replayedToast', { id: entry.id, count: num(result.replayCount) }), 'success');
  return result || undefined;
}

/** Resolves true when deleted. Destructive: the dialog opens on Cancel (dom.js). */
export async function deleteEntry(entry) {
  const deleted = await confirmDialog({
    title: t('deleteConfirmTitle', { id: entry.id }), text: t('deleteConfirmText'), confirmLabel: t('delete'),
    danger: true, testId: 'delete-dialog',
    onConfirm: () => api('dlq', entryPath(entry.id, 'delete'), { method: 'POST' }).then(() => true),
  });
  if (deleted) toast(t('deletedToast', { id: entry.id }), 'success');
  return Boolean(deleted);
}
