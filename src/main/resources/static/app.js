// Shared by every dashboard page: API calls (with the optional API key), formatting, the header, smoothing.
'use strict';

const KEY_STORAGE = 'lrtune.apiKey';

function apiKey() {
  return localStorage.getItem(KEY_STORAGE);
}

/** Asks for the key once; it stays in localStorage until the server refuses it. */
function askForKey(reason) {
  const key = window.prompt(reason + '\nThis server needs an API key (sent as X-API-Key):', '');
  if (key) localStorage.setItem(KEY_STORAGE, key.trim());
  return !!key;
}

/** An API error in plain words, from the problem+json body (title, detail, the fix, each field's message). */
class ApiError extends Error {
  constructor(status, problem) {
    const parts = [problem.title || ('HTTP ' + status)];
    if (problem.detail && problem.detail !== problem.title) parts.push(problem.detail);
    if (problem.fix) parts.push(problem.fix);
    super(parts.join(': '));
    this.status = status;
    this.problem = problem;
  }
}

/** fetch() under /api/v1 with the key; JSON in, JSON out; a 401 asks for the key and tries again. */
async function api(path, options = {}) {
  for (;;) {
    const headers = Object.assign({ Accept: 'application/json' }, options.headers);
    if (apiKey()) headers['X-API-Key'] = apiKey();
    if (options.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(options.json);
    }
    const response = await fetch('/api/v1' + path, Object.assign({}, options, { headers }));
    if (response.status === 401) {
      localStorage.removeItem(KEY_STORAGE);
      const problem = await response.json().catch(() => ({}));
      if (askForKey(problem.title || 'Unauthorized')) continue;
    }
    const text = await response.text();
    const body = text ? JSON.parse(text) : null;
    if (!response.ok) throw new ApiError(response.status, body || {});
    return body;
  }
}

/** An EventSource on a /stream path: the key travels as ?apiKey= because EventSource cannot send headers. */
function eventSource(path) {
  const url = '/api/v1' + path + (apiKey() ? '?apiKey=' + encodeURIComponent(apiKey()) : '');
  return new EventSource(url);
}

/** A learning rate or loss with three significant digits: 0.0262 → "2.62e-2", 1.02 → "1.02". */
function fmt(x) {
  if (x === null || x === undefined) return '–';
  if (!Number.isFinite(x)) return String(x);
  const rounded = Number(x.toPrecision(3));
  if (x !== 0 && (Math.abs(x) < 0.01 || Math.abs(x) >= 1000)) return rounded.toExponential().replace('e+', 'e');
  return rounded.toString();
}

/** Axis tick labels: uPlot passes null for the log axis' unlabelled minor ticks. */
function tickLabels(u, splits) {
  return splits.map(x => (x === null ? '' : fmt(x)));
}

function fmtDuration(seconds) {
  if (seconds === null || seconds === undefined) return '';
  const s = Math.round(seconds);
  if (s < 60) return s + ' s';
  if (s < 3600) return Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
  return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
}

/** Builds an element: el('a', {href: '/x', class: 'y'}, 'text', child…). */
function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** A job's progress {iteration,totalIterations,fraction,etaSeconds} as a bar with its ETA. */
function progressBar(job) {
  const p = job.progress || { iteration: 0, totalIterations: 0, fraction: 0 };
  const percent = Math.round(100 * (p.fraction || 0));
  const eta = job.status === 'running' && p.etaSeconds !== null ? ' · ETA ' + fmtDuration(p.etaSeconds) : '';
  return el('div', { class: 'progress', title: p.iteration + ' / ' + p.totalIterations + ' iterations' },
    el('div', { class: 'bar ' + job.status, style: 'width:' + percent + '%' }),
    el('span', {}, percent + '%' + eta));
}

function finished(status) {
  return !['queued', 'running'].includes(status);
}

/** fastai's bias-corrected EMA of the loss (the range test's smoothing); a null loss stays null. */
function smooth(loss, beta) {
  if (!beta) return loss.slice();
  let average = 0;
  let count = 0;
  return loss.map(value => {
    if (value === null || !Number.isFinite(value)) return null;
    count++;
    average = beta * average + (1 - beta) * value;
    return average / (1 - Math.pow(beta, count));
  });
}

function showError(target, error) {
  target.replaceChildren(el('div', { class: 'error', role: 'alert' }, error.message || String(error)));
}

function header() {
  const nav = el('nav', {},
    el('a', { href: '/', class: 'brand' }, 'lrtune'),
    el('a', { href: '/' }, 'Jobs'),
    el('a', { href: '/studies' }, 'Studies'),
    el('a', { href: '/datasets' }, 'Datasets'),
    el('a', { href: '/range-test' }, 'New range test'),
    el('a', { href: '/swagger-ui.html' }, 'API'),
    el('button', {
      type: 'button', class: 'link', title: 'Set or forget the API key kept in this browser',
      onclick: () => { localStorage.removeItem(KEY_STORAGE); askForKey('Change the API key.'); location.reload(); },
    }, 'API key'));
  document.body.prepend(nav);
}

document.addEventListener('DOMContentLoaded', header);
