// The search page: a query over a repository's indexed history; each hit with its code highlighted (Prism) and, when
// the hit carries it, the unit's history.
'use strict';

window.gitloreSearch = (() => {
  const {el, api, time, fixed} = window.gitlore;

  const LANGUAGES = {rs: 'rust', java: 'java', py: 'python', go: 'go', ts: 'typescript', tsx: 'typescript',
    js: 'javascript', jsx: 'javascript', c: 'c', h: 'c', cc: 'cpp', cpp: 'cpp', hpp: 'cpp', json: 'json',
    yml: 'yaml', yaml: 'yaml', md: 'markdown'};

  function language(meta, path) {
    const named = (meta.language || '').toLowerCase();
    if (window.Prism && Prism.languages[named]) {
      return named;
    }
    return LANGUAGES[(path || '').split('.').pop().toLowerCase()] || 'none';
  }

  function history(hit) {
    const entries = hit.history || (hit.metadata || {}).history || [];
    if (!Array.isArray(entries) || !entries.length) {
      return null;
    }
    const count = hit.changes > entries.length ? entries.length + ' of ' + hit.changes : String(entries.length);
    return el('details', {class: 'history', open: true}, el('summary', {text: 'History (' + count + ')'}),
      el('ul', {}, entries.map(c => el('li', {}, el('code', {text: String(c.commit || c.hash || '').slice(0, 10)}),
        ' ', time(c.time || c.date || c.at), ' ', c.author || '', ': ', c.subject || c.message || '',
        c.changeType ? ' [' + c.changeType + ']' : '', c.pathThen ? ' (then in ' + c.pathThen + ')' : ''))));
  }

  // A hit is one code unit (path, lines and status on the hit itself); metadata is the stored point it shows.
  function hitCard(hit) {
    const meta = hit.metadata || {};
    const path = hit.path || meta.path || '';
    const start = hit.startLine || meta.start_line;
    const end = hit.endLine || meta.end_line;
    const code = el('code', {class: 'language-' + language({language: hit.language || meta.language}, path),
      text: hit.content || ''});
    if (window.Prism) {
      Prism.highlightElement(code);
    }
    return el('article', {class: 'hit'},
      el('header', {},
        el('strong', {text: path + (start ? ':' + start + '-' + end : '')}),
        ' ', el('span', {class: 'muted', text: [hit.kind || meta.kind, hit.qualifiedName || meta.qualified_name
          || meta.name].filter(Boolean).join(' ')}),
        hit.status && hit.status !== 'current' ? el('span', {class: 'status', text: hit.status === 'deleted'
          ? 'deleted: its last version' : 'history only'}) : null,
        el('span', {class: 'score', text: 'score ' + fixed(hit.score, 3)})),
      meta.commit ? el('p', {class: 'muted', text: String(meta.commit).slice(0, 10) + ' ' + time(meta.time) + ' '
        + (meta.author || '') + ': ' + (meta.subject || '')}) : null,
      el('pre', {}, code), history(hit));
  }

  function view(main, repository) {
    const results = el('div', {id: 'hits'});
    const form = el('form', {id: 'search', class: 'search'},
      el('input', {name: 'repository', placeholder: 'repository id or path', value: repository || '', required: true}),
      el('input', {name: 'query', placeholder: 'what are you looking for?', required: true, size: 50}),
      el('input', {name: 'k', type: 'number', min: 1, max: 100, value: 5}),
      el('select', {name: 'mode'}, ['hybrid', 'vector', 'bm25'].map(m => el('option', {text: m}))),
      el('button', {type: 'submit', text: 'search'}));
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const f = new FormData(form);
      results.replaceChildren(el('p', {class: 'muted', text: 'searching...'}));
      try {
        const answer = await api('/api/v1/search', {method: 'POST', headers: {'Content-Type': 'application/json'},
          body: JSON.stringify({repository: f.get('repository'), query: f.get('query'), k: Number(f.get('k')),
            mode: f.get('mode')})});
        results.replaceChildren(el('p', {class: 'muted', text: answer.hits.length + ' hits in ' + answer.tookMillis
          + ' ms (' + answer.mode + ', ' + answer.store + ')'}), ...answer.hits.map(hitCard));
      } catch (e) {
        results.replaceChildren(el('p', {class: 'error', text: e.message}));
      }
    });
    main.replaceChildren(el('h1', {text: 'Search the history'}), form, results);
  }

  return {view};
})();
