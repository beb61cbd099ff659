// One job's owner actions, shared by the list's rows and the job dialog: which are possible in which state and with
// which token, and the calls (remove and cancel ask first). Each resolves true when the job was changed.
import { api } from '../../api.js';
import { confirmDialog, toast } from '../../dom.js';
import { t } from '../../i18n.js';
import { can, NEEDS } from './policy.js';
import { stateLabel } from './states.js';

/** The states each action accepts, as monitor's scripts decide. */
const ALLOWED = {
  retry: (s) => s === 'failed',
  remove: (s) => s !== 'active',
  cancel: (s) => s === 'waiting' || s === 'delayed' || s === 'active',
};

/** {enabled, why}: why is the text saying what stops the action (the state, or the token's policies). */
export function availability(action, jobState) {
  if (!ALLOWED[action](jobState)) return { enabled: false, why: t('queuesNotInState', { state: stateLabel(jobState) }) };
  if (!can(NEEDS[action])) return { enabled: false, why: t('queuesNoPolicy', { policy: NEEDS[action] }) };
  return { enabled: true, why: '' };
}

function jobPath(queue, id, action) {
  return `/owner/queues/${encodeURIComponent(queue)}/jobs/${encodeURIComponent(id)}/${action}`;
}

export async function retryJob(queue, id) {
  try {
    await api('monitor', jobPath(queue, id, 'retry'), { method: 'POST' });
    toast(t('retried', { id }), 'success');
    return true;
  } catch (e) {
    toast(e.message, 'error');
    return false;
  }
}

export async function removeJob(queue, id) {
  const ok = await confirmDialog({
    title: t('removeConfirmTitle'), text: t('removeConfirmText', { id }), confirmLabel: t('remove'), danger: true, testId: 'remove-dialog',
    onConfirm: () => api('monitor', jobPath(queue, id, 'remove'), { method: 'POST' }).then(() => true),
  });
  if (ok) toast(t('removed', { id }), 'success');
  return Boolean(ok);
}

export async function cancelJob(queue, id) {
  const ok = await confirmDialog({
    title: t('queuesCancelTitle', { id }), text: t('queuesCancelText', { id }), confirmLabel: t('queuesCancelJob'), danger: true, testId: 'cancel-dialog',
    onConfirm: () => api('monitor', jobPath(queue, id, 'cancel'), { method: 'POST' }).then(() => true),
  });
  if (ok) toast(t('queuesCancelledToast', { id }), 'success');
  return Boolean(ok);
}
