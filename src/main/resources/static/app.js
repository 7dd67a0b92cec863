// Shared by every dashboard page: API calls (with the optional API key), formatting, the header, smoothing.
'use strict';

const KEY_STORAGE = 'lrtune.apiKey';

const $ = id => document.getElementById(id);

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

/** The headers of every API call: JSON answers, and the key when there is one. */
function apiHeaders(extra) {
  const headers = Object.assign({ Accept: 'application/json' }, extra);
  if (apiKey()) headers['X-API-Key'] = apiKey();
  return headers;
}

/** True when a 401 made the user enter a key, so the call is worth trying again. */
function keyEnteredAfter401(status, text) {
  if (status !== 401) return false;
  localStorage.removeItem(KEY_STORAGE);
  let problem = {};
  try { problem = JSON.parse(text); } catch (ignored) { /* not a problem document */ }
  return askForKey(problem.title || 'Unauthorized');
}

/** The JSON body of an answer, or an ApiError carrying its problem. */
function answer(status, ok, text) {
  const body = text ? JSON.parse(text) : null;
  if (!ok) throw new ApiError(status, body || {});
  return body;
}

/** fetch() under /api/v1 with the key; JSON in, JSON out; a 401 asks for the key and tries again. */
async function api(path, options = {}) {
  for (;;) {
    const headers = apiHeaders(options.headers);
    if (options.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(options.json);
    }
    const response = await fetch('/api/v1' + path, Object.assign({}, options, { headers }));
    const text = await response.text();
    if (keyEnteredAfter401(response.status, text)) continue;
    return answer(response.status, response.ok, text);
  }
}

/**
 * A POST whose body may be large, with its progress: fetch() cannot report bytes sent, XMLHttpRequest can.
 * onProgress(sent, total) is called while the body goes out.
 */
function apiUpload(path, body, onProgress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/api/v1' + path);
    for (const [name, value] of Object.entries(apiHeaders())) request.setRequestHeader(name, value);
    request.upload.addEventListener('progress', event => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    });
    request.addEventListener('load', () => {
      if (keyEnteredAfter401(request.status, request.responseText)) {
        apiUpload(path, body, onProgress).then(resolve, reject);
        return;
      }
      try { resolve(answer(request.status, request.status >= 200 && request.status < 300, request.responseText)); }
      catch (error) { reject(error); }
    });
    request.addEventListener('error', () => reject(new Error('The upload failed: the server did not answer.')));
    request.send(body);
  });
}

/** An EventSource on a /stream path: the key travels as ?apiKey= because EventSource cannot send headers. */
function eventSource(path) {
  const url = '/api/v1' + path + (apiKey() ? '?apiKey=' + encodeURIComponent(apiKey()) : '');
  return new EventSource(url);
}

/** A learning rate or loss with three significant digits: 0.00262 → "2.62e-3", 0.0262 → "0.0262", 1.02 → "1.02". */
function fmt(x) {
  if (x === null || x === undefined) return '–';
  if (!Number.isFinite(x)) return String(x);
  const rounded = Number(x.toPrecision(3));
  if (x !== 0 && (Math.abs(x) < 0.01 || Math.abs(rounded) >= 1000)) return rounded.toExponential().replace('e+', 'e');
  return rounded.toString();
}

/** A uPlot series' value in the legend. */
function legendValue(u, v) {
  return fmt(v);
}

/** Axis tick labels: uPlot passes null for the log axis' unlabelled minor ticks. */
function tickLabels(u, splits) {
  return splits.map(x => (x === null ? '' : fmt(x)));
}

/** A size in bytes the way people read it: 950 B, 12.3 kB, 45.6 MB. */
function fmtBytes(bytes) {
  if (bytes < 1000) return bytes + ' B';
  if (bytes < 1e6) return (bytes / 1e3).toFixed(1) + ' kB';
  return (bytes / 1e6).toFixed(1) + ' MB';
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

/** Names of uploaded datasets by id: jobs refer to an upload by its id alone. */
const datasetNames = new Map();

/** The uploaded datasets, their names noted for datasetLabel(). */
async function readDatasets() {
  const datasets = await api('/datasets');
  datasets.forEach(d => datasetNames.set(String(d.id), d.name));
  return datasets;
}

/** Reads the dataset list again when one of the references is an upload this page has not named yet. */
async function nameDatasets(references) {
  const unknown = references.filter(r => /^\d+$/.test(r) && !datasetNames.has(r));
  if (!unknown.length) return;
  await readDatasets();
  unknown.forEach(r => { if (!datasetNames.has(r)) datasetNames.set(r, ''); }); // gone: do not ask again
}

/** An uploaded dataset as a choice in a list: "#3 spirals (1975 × 5, classification)". */
function datasetOption(d) {
  return el('option', { value: d.id }, '#' + d.id + ' ' + d.name + ' (' + d.rows + ' × ' + d.features + ', ' + d.task + ')');
}

/** The model that fits a dataset: linear for a regression, logistic for two classes, softmax for more. */
function modelFor(reference, datasets) {
  const uploaded = datasets.find(d => String(d.id) === reference);
  if (uploaded) return uploaded.task === 'regression' ? 'linear' : uploaded.classes.length > 2 ? 'softmax' : 'logistic';
  if (reference.startsWith('synthetic:linear')) return 'linear';
  if (reference.startsWith('synthetic:blobs')) return 'softmax';
  return 'logistic';
}

/** A <dl class="facts"> from [name, value] pairs; a pair without a value is left out. */
function fillFacts(list, pairs) {
  list.replaceChildren(...pairs.filter(([, value]) => value !== null && value !== undefined)
    .flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value)]));
}

/** The pager of a list page: "page 1 of 3 (52 jobs)" between its newer and older buttons. */
function showPage(result, noun) {
  $('page').textContent = 'page ' + (result.page + 1) + ' of ' + Math.max(1, result.totalPages)
    + ' (' + result.totalItems + ' ' + noun + ')';
  $('newer').disabled = result.page === 0;
  $('older').disabled = result.page + 1 >= result.totalPages;
}

/** "#12 spirals" for an upload, the reference itself for a synthetic or file dataset. */
function datasetLabel(reference) {
  return /^\d+$/.test(reference) ? ('#' + reference + ' ' + (datasetNames.get(reference) || '')).trim() : reference;
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
