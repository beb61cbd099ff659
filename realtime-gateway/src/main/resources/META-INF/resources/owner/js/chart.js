// Inline SVG bar charts (no library) and their text alternative. A chart mirrors in RTL (time runs right to left,
// the scale sits on the start side); every bar has a title, and chartTable() gives the same numbers as a table.
import { h } from './dom.js';
import { num, register, t } from './i18n.js';
import messages from './messages/chart.js';

register(messages);

const NS = 'http://www.w3.org/2000/svg';
const SCALE_WIDTH = 44;
const END_PAD = 10;
const TOP_PAD = 14;
const AXIS_HEIGHT = 30;

function svg(tag, attrs, text) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** A round top for the scale whose half is a whole number too (0, half and top are the ticks). */
function scaleTop(max) {
  if (max <= 2) return 2;
  const pow = 10 ** Math.floor(Math.log10(max));
  for (const m of [2, 4, 6, 8, 10]) if (m * pow >= max) return m * pow;
  return 10 * pow;
}

/**
 * Bars of points, stacked when there are several series. A point holds a value per series key (`p[key]`; null
 * draws no bar), plus `key`, `label` (long, for titles) and `short` (axis label).
 * series: [{key, className}], by default one series `value` (the DLQ trend's shape).
 * format(value) writes the scale and the default titles; title(point) overrides a bar's title; ceiling caps the
 * scale (100 for percentages).
 */
export function barChart(points, {
  label, rtl = false, testId = 'trend-chart', series = [{ key: 'value' }], format = num,
  width = 720, height = 240, maxTicks = 8, title, ceiling = Infinity,
} = {}) {
  const innerW = width - SCALE_WIDTH - END_PAD;
  const innerH = height - TOP_PAD - AXIS_HEIGHT;
  const plotStart = rtl ? END_PAD : SCALE_WIDTH;
  const total = (p) => series.reduce((s, se) => s + (Number(p[se.key]) || 0), 0);
  const max = Math.min(ceiling, scaleTop(Math.max(0, ...points.map(total))));
  const slot = innerW / Math.max(1, points.length);
  const barW = Math.max(2, slot * 0.7);
  const root = svg('svg', {
    viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label, class: 'chart', 'data-test': testId,
    preserveAspectRatio: 'xMidYMid meet',
  });
  root.appendChild(svg('title', {}, label));
  for (const f of [0, 0.5, 1]) {
    const y = TOP_PAD + innerH * (1 - f);
    root.appendChild(svg('line', { x1: plotStart, x2: plotStart + innerW, y1: y, y2: y, class: 'grid' }));
    root.appendChild(svg('text', {
      x: rtl ? plotStart + innerW + 6 : plotStart - 6, y: y + 4, 'text-anchor': rtl ? 'start' : 'end', class: 'axis',
    }, format(max * f)));
  }
  const every = Math.ceil(points.length / maxTicks);
  points.forEach((p, i) => {
    const index = rtl ? points.length - 1 - i : i;
    const x = plotStart + slot * index + (slot - barW) / 2;
    let top = TOP_PAD + innerH;
    const group = svg('g', { class: 'point', 'data-key': p.key });
    group.appendChild(svg('title', {}, title ? title(p) : t('barTitle', { hour: p.label, count: format(total(p)) })));
    for (const s of series) {
      const value = p[s.key];
      const barH = value === null || value === undefined ? 0 : (Number(value) / max) * innerH;
      top -= barH;
      group.appendChild(svg('rect', {
        x, y: top, width: barW, height: Math.max(0, barH), rx: 2,
        class: ['bar', s.className, Number(value) > 0 ? '' : 'empty'].filter(Boolean).join(' '),
        'data-count': value ?? '', 'data-series': s.key,
      }));
    }
    root.appendChild(group);
    if (i % every === 0) {
      root.appendChild(svg('text', { x: x + barW / 2, y: height - AXIS_HEIGHT + 16, 'text-anchor': 'middle', class: 'axis' }, p.short));
    }
  });
  return root;
}

/**
 * The text alternative of a chart: its numbers as a table, folded under "Show the numbers".
 * rows: [{cells: [...], dataset: {...}}]; the first cell of a row is its header.
 */
export function chartTable({ caption, headers, rows, testId }) {
  return h('details', { class: 'chart-data' },
    h('summary', null, t('chartShowNumbers')),
    rows.length
      ? h('div', { class: 'table-wrap' },
        h('table', { dataset: { test: testId } },
          h('caption', null, caption),
          h('thead', null, h('tr', null, headers.map((x) => h('th', { scope: 'col' }, x)))),
          h('tbody', null, rows.map((r) => h('tr', { dataset: r.dataset },
            r.cells.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', null, c))))))))
      : h('p', { class: 'muted' }, t('chartNoData')));
}
