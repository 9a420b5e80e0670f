// What the dashboard's scripts share: the API key (sessionStorage, gone with the tab), calls to the gateway with it,
// and a DOM builder that puts data in the page as text, never as HTML.
'use strict';

window.gitlore = (() => {
  const KEY = 'gitlore.apiKey';
  const key = () => sessionStorage.getItem(KEY) || '';
  const time = iso => iso ? new Date(iso).toLocaleString() : '';

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([name, value]) => {
      if (value === undefined || value === null || value === false) {
        return;
      }
      if (name === 'text') {
        node.textContent = value;
      } else if (name.startsWith('on')) {
        node.addEventListener(name.slice(2), value);
      } else {
        node.setAttribute(name, value);
      }
    });
    children.flat(Infinity).filter(c => c !== null && c !== undefined)
      .forEach(c => node.append(c instanceof Node ? c : document.createTextNode(String(c))));
    return node;
  }

  async function api(path, options) {
    const response = await fetch(path, Object.assign({}, options, {
      headers: Object.assign({'X-API-Key': key(), 'Accept': 'application/json'}, (options || {}).headers)
    }));
    const body = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
    if (!response.ok) {
      const error = new Error((body && body.error) || (body && JSON.stringify(body)) || 'HTTP ' + response.status);
      error.status = response.status;
      throw error;
    }
    return body;
  }

  function facts(pairs) {
    return el('dl', {class: 'facts'}, pairs.filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => [el('dt', {text: k}), el('dd', {text: v})]));
  }

  const gib = bytes => bytes == null ? null : (bytes / 2 ** 30).toFixed(2) + ' GiB';
  /** A figure with d decimals, or null (left out) when absent or not finite (a report's "NaN"). */
  const fixed = (n, d) => n === null || n === undefined || !Number.isFinite(Number(n)) ? null : Number(n).toFixed(d);

  return {KEY, key, el, api, time, facts, gib, fixed};
})();
