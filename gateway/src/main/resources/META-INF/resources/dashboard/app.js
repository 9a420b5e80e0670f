// The dashboard: jobs with live per-stage progress (SSE), a job page with the stage timeline and the training
// report's curves, baselines and hardware peaks, and a search over a repository's history. The API key is kept in
// sessionStorage (gone with the tab) and sent as the X-API-Key header; data is put in the page as text, never HTML.
'use strict';

(() => {
  const STAGES = ['scrape', 'chunk', 'dataset', 'embed', 'training'];
  const KEY = 'gitlore.apiKey';
  const view = document.getElementById('view');
  let running = [];

  const key = () => sessionStorage.getItem(KEY) || '';

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

  /** Stops what the previous view left running (streams, timers). */
  function leave() {
    running.forEach(stop => stop());
    running = [];
  }

  function follow(jobId, onEvent, onEnd) {
    const abort = new AbortController();
    running.push(() => abort.abort());
    gitloreSse.follow('/api/v1/jobs/' + encodeURIComponent(jobId) + '/events', key(), onEvent, abort.signal)
      .then(onEnd, e => { if (e.name !== 'AbortError') { console.warn(e); } });
  }

  function every(millis, action) {
    const timer = setInterval(action, millis);
    running.push(() => clearInterval(timer));
  }

  // ---- job state, folded from events the way the gateway's JobProgress does
  const terminal = state => state === 'COMPLETED' || state === 'FAILED';

  function apply(job, e) {
    let stage = job.stages.find(s => s.stage === e.stage);
    if (!stage) {
      stage = {stage: e.stage, events: 0, firstEventAt: e.at};
      job.stages.push(stage);
    }
    stage.events++;
    stage.lastEventAt = e.at || stage.lastEventAt;
    if (!(terminal(stage.state) && !terminal(e.type))) {
      Object.assign(stage, {state: e.type, done: e.done, total: e.total, message: e.message});
    }
    if (e.type === 'FAILED') {
      job.status = 'FAILED';
      job.error = job.error || '[' + e.stage + '] ' + e.message;
    } else if (job.status !== 'FAILED') {
      const all = STAGES.every(name => (job.stages.find(s => s.stage === name) || {}).state === 'COMPLETED');
      job.status = all ? 'COMPLETED' : 'RUNNING';
    }
  }

  /**
   * Keeps {@code job} (as GET /jobs/{id} gave it) up to date from its event stream, which starts by replaying the
   * stored events: those the view already counted (its per-stage event counts) are skipped, so the bars never step
   * back while the replay runs.
   */
  function following(job, changed, ended) {
    const seen = Object.fromEntries(job.stages.map(s => [s.stage, s.events || 0]));
    follow(job.jobId, e => {
      if (seen[e.stage] > 0) {
        seen[e.stage]--;
        return;
      }
      apply(job, e);
      changed();
    }, ended);
  }

  function stageBar(job, name) {
    const s = job.stages.find(x => x.stage === name) || {stage: name};
    const known = s.total > 0;
    const fraction = s.state === 'COMPLETED' ? 1 : known ? Math.min(1, s.done / s.total) : 0;
    const count = s.state ? (known ? s.done + ' / ' + s.total : s.done > 0 ? String(s.done) : '') : 'waiting';
    return el('div', {class: 'stage', 'data-stage': name, 'data-state': s.state || 'WAITING', title: s.message || ''},
      el('span', {class: 'stage-name', text: name}),
      el('div', {class: 'bar' + (s.state && !terminal(s.state) && !known ? ' indeterminate' : '')},
        el('div', {class: 'fill', style: 'width:' + (fraction * 100).toFixed(1) + '%',
          'data-fraction': fraction.toFixed(4)})),
      el('span', {class: 'count', text: count}));
  }

  function stageBars(job) {
    const names = STAGES.concat(job.stages.map(s => s.stage).filter(n => !STAGES.includes(n)));
    return el('div', {class: 'stages'}, names.map(n => stageBar(job, n)));
  }

  const badge = status => el('span', {class: 'badge ' + String(status).toLowerCase(), text: status});
  const time = iso => iso ? new Date(iso).toLocaleString() : '';

  // ---- views
  async function jobsView() {
    const jobs = await api('/api/v1/jobs');
    const rows = new Map();
    const table = el('table', {class: 'jobs'}, el('thead', {}, el('tr', {},
      ['job', 'repository', 'status', 'started', 'stages'].map(h => el('th', {text: h})))));
    const body = el('tbody');
    table.append(body);
    const render = job => {
      const row = el('tr', {'data-job': job.jobId},
        el('td', {}, el('a', {href: '#/jobs/' + job.jobId, text: job.jobId.slice(0, 8)})),
        el('td', {text: job.repositoryId || job.repository || ''}),
        el('td', {}, badge(job.status)), el('td', {text: time(job.createdAt)}), el('td', {}, stageBars(job)));
      (rows.get(job.jobId) ? rows.get(job.jobId).replaceWith(row) : body.append(row));
      rows.set(job.jobId, row);
    };
    jobs.forEach(job => {
      render(job);
      if (job.status === 'QUEUED' || job.status === 'RUNNING') {
        following(job, () => render(job));
      }
    });
    view.replaceChildren(el('h1', {text: 'Jobs'}), jobs.length ? table : el('p', {text: 'No job yet.'}));
    every(5000, async () => {
      const now = await api('/api/v1/jobs').catch(() => []);
      if (now.some(j => !rows.has(j.jobId))) {
        route();
      }
    });
  }

  function facts(pairs) {
    return el('dl', {class: 'facts'}, pairs.filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => [el('dt', {text: k}), el('dd', {text: v})]));
  }

  const gib = bytes => bytes == null ? null : (bytes / 2 ** 30).toFixed(2) + ' GiB';
  const fixed = (n, d) => n == null || Number.isNaN(n) ? null : Number(n).toFixed(d);

  function reportSection(report) {
    const m = report.model || {}, r = report.results || {}, b = report.baselines || {}, h = report.hardware || {};
    const run = report.run || {};
    const loss = el('canvas', {id: 'loss-chart'}), ppl = el('canvas', {id: 'perplexity-chart'});
    const section = el('section', {id: 'report'}, el('h2', {text: 'Training report (' + report.status + ')'}),
      report.reason ? el('p', {class: 'reason', text: report.reason}) : null,
      el('div', {class: 'charts'}, el('div', {class: 'chart'}, loss), el('div', {class: 'chart'}, ppl)),
      el('div', {class: 'panels'},
        el('div', {}, el('h3', {text: 'Against the baselines'}), el('table', {class: 'baselines'},
          el('tr', {}, el('th', {text: 'model'}), el('th', {text: 'test perplexity'})),
          [['this model (' + (m.preset || '?') + ')', r.testPerplexity], ['bigram', b.bigramTestPerplexity],
            ['unigram', b.unigramTestPerplexity]].map(([name, v]) => el('tr', {},
            el('td', {text: name}), el('td', {text: fixed(v, 2)}))))),
        el('div', {}, el('h3', {text: 'Hardware peaks'}), facts([['device', h.device], ['threads', h.threads],
          ['peak CPU', h.peakCpuPercent == null ? null : fixed(h.peakCpuPercent, 0) + ' %'],
          ['peak RAM', gib(h.peakRamBytes) && gib(h.peakRamBytes) + ' of ' + gib(h.totalRamBytes)],
          ['peak GPU memory', gib(h.peakGpuMemoryBytes)], ['peak GPU temperature',
            h.peakGpuTemperatureCelsius == null ? null : h.peakGpuTemperatureCelsius + ' °C'],
          ['samples', h.samples]])),
        el('div', {}, el('h3', {text: 'Model and run'}), facts([
          ['shape', m.layers + ' layers, ' + m.heads + ' heads, width ' + m.width + ', context ' + m.contextLength],
          ['parameters', m.parameters && m.parameters.toLocaleString()], ['vocabulary', m.vocabularySize],
          ['steps', run.stepsDone + ' of ' + run.plannedSteps + ' planned'], ['stopped by', run.stoppedBy],
          ['tokens per second', fixed(run.tokensPerSecond, 0)], ['wall time', fixed(run.wallSeconds, 0) + ' s'],
          ['test token accuracy', fixed(r.testTokenAccuracy, 3)]]))));
    return {section, draw: () => { gitloreCharts.loss(loss, report); gitloreCharts.perplexity(ppl, report); }};
  }

  async function jobView(id) {
    const job = await api('/api/v1/jobs/' + encodeURIComponent(id));
    const head = el('div', {class: 'job-head'});
    const progress = el('div', {id: 'progress'});
    const timeline = el('canvas', {id: 'timeline-chart'});
    const report = el('div', {id: 'report-slot'}, el('p', {class: 'muted', text: 'No training report yet.'}));
    const draw = () => {
      head.replaceChildren(el('h1', {}, 'Job ', el('code', {text: job.jobId}), ' ', badge(job.status)),
        facts([['repository', job.repository], ['repository id', job.repositoryId],
          ['refs', (job.refs || []).join(', ') || 'all'], ['started', time(job.createdAt)], ['error', job.error]]),
        job.repositoryId ? el('a', {href: '#/search/' + encodeURIComponent(job.repositoryId),
          text: 'Search this repository'}) : null);
      progress.replaceChildren(stageBars(job));
      if (job.stages.some(s => s.firstEventAt)) {
        gitloreCharts.timeline(timeline, job);
      }
    };
    let reportShown = false;
    const loadReport = async () => {
      if (reportShown) {
        return;
      }
      try {
        const built = reportSection(await api('/api/v1/reports/' + encodeURIComponent(id)));
        reportShown = true;
        report.replaceChildren(built.section);
        built.draw();
      } catch (e) {
        if (e.status !== 404) {
          report.replaceChildren(el('p', {class: 'error', text: e.message}));
        }
      }
    };
    view.replaceChildren(head, el('h2', {text: 'Stages'}), progress,
      el('div', {class: 'chart timeline'}, timeline), report);
    draw();
    loadReport();
    // The report arrives on its own topic shortly after the training stage completes: look until it is there.
    every(3000, () => { if (job.stages.some(s => s.stage === 'training' && terminal(s.state))) { loadReport(); } });
    if (!['COMPLETED', 'FAILED'].includes(job.status)) {
      following(job, () => draw(), loadReport);
    }
  }

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
      el('header', {}, el('strong', {text: path + (meta.start_line ? ':' + meta.start_line + '-' + meta.end_line : '')}),
        ' ', el('span', {class: 'muted', text: [meta.kind, meta.qualified_name || meta.name].filter(Boolean)
          .join(' ')}), el('span', {class: 'score', text: 'score ' + fixed(hit.score, 3)})),
      meta.commit ? el('p', {class: 'muted', text: String(meta.commit).slice(0, 10) + ' ' + time(meta.time) + ' '
        + (meta.author || '') + ': ' + (meta.subject || '')}) : null,
      el('pre', {}, code), history(hit));
  }

  function searchView(repository) {
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
    view.replaceChildren(el('h1', {text: 'Search the history'}), form, results);
  }

  async function route() {
    leave();
    if (!key()) {
      view.replaceChildren(el('p', {class: 'muted', text: 'Enter the gateway API key above.'}));
      return;
    }
    const [, page, arg] = (location.hash || '#/').split('/').map(decodeURIComponent);
    try {
      if (page === 'jobs' && arg) {
        await jobView(arg);
      } else if (page === 'search') {
        searchView(arg);
      } else {
        await jobsView();
      }
    } catch (e) {
      view.replaceChildren(el('p', {class: 'error', text: e.message}));
    }
  }

  function showLogin() {
    document.getElementById('login-state').textContent = key() ? 'key set' : '';
    document.getElementById('logout').hidden = !key();
  }

  document.getElementById('login').addEventListener('submit', event => {
    event.preventDefault();
    const input = document.getElementById('api-key');
    sessionStorage.setItem(KEY, input.value.trim());
    input.value = '';
    showLogin();
    route();
  });
  document.getElementById('logout').addEventListener('click', () => {
    sessionStorage.removeItem(KEY);
    showLogin();
    route();
  });
  window.addEventListener('hashchange', route);
  showLogin();
  route();
})();
