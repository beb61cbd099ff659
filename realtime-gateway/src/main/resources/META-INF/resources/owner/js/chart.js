// Inline SVG bar chart (no library): bars of {label, value}, with a title per bar for tooltips and screen readers.
import { num, t } from './i18n.js';

const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, text) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

export function barChart(points, { label, rtl = false } = {}) {
  const width = 720;
  const height = 240;
  const pad = { top: 16, right: 12, bottom: 36, left: 40 };
  let max = Math.max(1, ...points.map((p) => p.value));
  if (max < 10 && max % 2) max += 1; // whole-number ticks at 0, half and max
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const slot = innerW / Math.max(1, points.length);
  const barW = Math.max(2, slot * 0.7);
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label, class: 'chart', 'data-test': 'trend-chart', preserveAspectRatio: 'xMidYMid meet' });
  root.appendChild(svg('title', {}, label));
  // Grid lines and the scale (0, half, max).
  for (const f of [0, 0.5, 1]) {
    const y = pad.top + innerH * (1 - f);
    root.appendChild(svg('line', { x1: pad.left, x2: width - pad.right, y1: y, y2: y, class: 'grid' }));
    root.appendChild(svg('text', { x: pad.left - 6, y: y + 4, 'text-anchor': 'end', class: 'axis' }, num(Math.round(max * f))));
  }
  const every = Math.ceil(points.length / 8);
  points.forEach((p, i) => {
    const index = rtl ? points.length - 1 - i : i;
    const x = pad.left + slot * index + (slot - barW) / 2;
    const h = (p.value / max) * innerH;
    const y = pad.top + innerH - h;
    const bar = svg('rect', { x, y, width: barW, height: Math.max(0, h), rx: 2, class: p.value > 0 ? 'bar' : 'bar empty', 'data-count': p.value, 'data-hour': p.key });
    bar.appendChild(svg('title', {}, t('barTitle', { hour: p.label, count: num(p.value) })));
    root.appendChild(bar);
    if (i % every === 0) {
      root.appendChild(svg('text', { x: x + barW / 2, y: height - pad.bottom + 16, 'text-anchor': 'middle', class: 'axis' }, p.short));
    }
  });
  return root;
}
