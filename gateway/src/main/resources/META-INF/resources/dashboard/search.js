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
    return el('details', {class: 'history', open: true}, el('summary', {text: 'History (' + entries.length + ')'}),
      el('ul', {}, entries.map(c => el('li', {}, el('code', {text: String(c.commit || c.hash || '').slice(0, 10)}),
        ' ', time(c.time || c.date || c.at), ' ', c.author || '', ': ', c.subject || c.message || ''))));
  }

  function hitCard(hit) {
    const meta = hit.metadata || {};
    const path = meta.path || hit.path || '';
    const code = el('code', {class: 'language-' + language(meta, path), text: hit.content || ''});
    if (window.Prism) {
      Prism.highlightElement(code);
    }
    return el('article', {class: 'hit'},
      el('header', {},
        el('strong', {text: path + (meta.start_line ? ':' + meta.start_line + '-' + meta.end_line : '')}),
        ' ', el('span', {class: 'muted', text: [meta.kind, meta.qualified_name || meta.name].filter(Boolean)
          .join(' ')}), el('span', {class: 'score', text: 'score ' + fixed(hit.score, 3)})),
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
