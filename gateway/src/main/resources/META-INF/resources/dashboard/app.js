// The dashboard's pages and router: jobs with live per-stage progress (SSE), a job page with the stage timeline and
// the training report (report.js), the search (search.js); the key is asked for in the header's field.
'use strict';

(() => {
  const STAGES = ['scrape', 'chunk', 'dataset', 'embed', 'training'];
  const {KEY, key, el, api, time, facts} = window.gitlore;
  const view = document.getElementById('view');
  let running = [];

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
  const FINAL = ['COMPLETED', 'FAILED', 'CANCELLED'];

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
    // As the gateway's JobProgress: the first final state stays.
    if (!FINAL.includes(job.status) && (e.type === 'FAILED' || e.type === 'CANCELLED')) {
      job.status = e.type;
      job.error = job.error || '[' + e.stage + '] ' + e.message;
    }
    settle(job);
  }

  // Like the gateway, a job whose stages all completed waits for its training report before it is COMPLETED.
  function settle(job) {
    if (!FINAL.includes(job.status)) {
      const all = STAGES.every(name => (job.stages.find(s => s.stage === name) || {}).state === 'COMPLETED');
      job.status = all && (job.report || !STAGES.includes('training')) ? 'COMPLETED' : 'RUNNING';
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
        // The stream can end with no event of its own (the training report arrived): ask the gateway how it ended.
        following(job, () => render(job), () => api('/api/v1/jobs/' + encodeURIComponent(job.jobId))
          .then(render).catch(() => {}));
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
        const built = gitloreReport.section(await api('/api/v1/reports/' + encodeURIComponent(id)));
        reportShown = true;
        report.replaceChildren(built.section);
        built.draw();
        if (job.stages.length > 0) {
          job.report = true;
          settle(job);
          draw();
        }
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
    if (!FINAL.includes(job.status)) {
      following(job, () => draw(), loadReport);
    }
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
        gitloreSearch.view(view, arg);
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
