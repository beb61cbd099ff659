// The CSV export of DLQ entries with the list's filters (GET /owner/dlq/export takes the same ones). It needs the
// bearer token, so it is fetched and handed to the browser as a Blob download.
import { base, token } from '../../api.js';
import { h, toast } from '../../dom.js';
import { t } from '../../i18n.js';

/** The export's address for filters {search, originalQueue, jobName, errorCode, minReplayCount, from, to}. */
export function exportUrl(filters) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters || {})) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return `${base('dlq')}/owner/dlq/export${s ? `?${s}` : ''}`;
}

/** A button that downloads the export of filters() when pressed. */
export function exportButton(label, filters) {
  const button = h('button', { type: 'button', class: 'btn', dataset: { test: 'export-csv' }, on: { click: () => download() } }, label);
  async function download() {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    try {
      const res = await fetch(exportUrl(filters()), { headers: { Authorization: `Bearer ${token()}`, Accept: 'text/csv' }, cache: 'no-store', credentials: 'omit' });
      if (!res.ok) {
        let detail = res.statusText;
        try { detail = (await res.json()).detail || detail; } catch { /* not JSON */ }
        throw new Error(t('errorRequest', { status: res.status, detail }));
      }
      const blob = await res.blob();
      const disposition = res.headers.get('Content-Disposition') || '';
      const name = (disposition.match(/filename="?([^";]+)"?/) || [])[1] || 'dlq-export.csv';
      const url = URL.createObjectURL(blob);
      const a = h('a', { href: url, download: name, hidden: true });
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      toast(t('exported'), 'success');
    } catch (e) {
      toast(e.message || t('networkError'), 'error');
    } finally {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  }
  return button;
}
