// A read-only table that becomes stacked rows ("label: value") below the layout breakpoint (css/queues.css), so a
// phone never scrolls sideways. Each cell carries its column's header as data-label.
import { h, table } from '../../dom.js';

/** rows: [{cells: [node or text per column], data: {row data attributes}}] */
export function stackedTable({ headers, rows, testId }) {
  const wrap = table(headers, rows.map((r) => h('tr', { dataset: r.data || {} },
    r.cells.map((c, i) => h('td', { dataset: { label: headers[i] } }, c)))), { testId });
  wrap.classList.add('stacked');
  return wrap;
}
