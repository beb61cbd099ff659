// The two-call confirm flow of destructive actions (docs/security.md): the first call answers 202 with a token and
// a summary of what would be destroyed; the dialog shows it, and confirming repeats the call with X-Confirm-Token.
import { api } from './api.js';
import { errorBox, h, openDialog, spinner, typeToConfirmField } from './dom.js';
import { num, t } from './i18n.js';

/**
 * service/path/body: the destructive call. summaryView(summary) → nodes describing what would go.
 * Opens with focus on Cancel; typeToConfirm (e.g. the queue's name) keeps the destructive button disabled until the
 * owner has typed it. Resolves with the second call's answer, or undefined when cancelled.
 */
export function confirmFlow({ service, path, body, title, text, confirmLabel, summaryView, testId, typeToConfirm }) {
  let token = null;
  let gate;
  return openDialog({
    title, testId, initialFocus: '[data-test="cancel"]',
    body: (dlg) => {
      dlg.setBusy(true);
      gate = typeToConfirmField(typeToConfirm, () => dlg.refresh());
      api(service, path, { method: 'POST', body }).then(({ status, data }) => {
        if (status !== 202 || !data?.token) {
          // Nothing to confirm: the service acted at once (not expected for these endpoints).
          dlg.close(data);
          return;
        }
        token = data.token;
        dlg.setBody(
          h('p', null, text),
          h('div', { class: 'summary', dataset: { test: 'confirm-summary' } }, summaryView(data.summary || {})),
          h('p', { class: 'muted' }, t('confirmExpires', { seconds: num(data.expiresInSeconds ?? 60) })),
          gate.node);
        dlg.setBusy(false);
      }).catch((e) => {
        dlg.setBody(errorBox(e.message));
        dlg.setBusy(false);
      });
      return [h('p', null, t('checking')), spinner()];
    },
    buttons: [
      { label: t('cancel'), kind: 'secondary', value: undefined, testId: 'cancel' },
      {
        label: confirmLabel, kind: 'danger', testId: 'confirm',
        enabledWhen: () => token !== null && Boolean(gate?.matches()),
        action: async (dlg) => {
          try {
            const { data } = await api(service, path, { method: 'POST', body, headers: { 'X-Confirm-Token': token } });
            return data ?? {};
          } catch (e) {
            dlg.setBody(errorBox(e.message));
            token = null;
            return false;
          }
        },
      },
    ],
  });
}

/** A definition list of a summary object's numbers and values. */
export function summaryList(entries) {
  return h('dl', { class: 'kv' }, entries.flatMap(([label, value]) => [h('dt', null, label), h('dd', null, value)]));
}
