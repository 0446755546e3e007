// pacewatch leaders' page: plain JavaScript, no framework, no build step, nothing loaded from
// anywhere but this server. It polls the JSON API every few seconds and redraws the indicators
// whose standing changed. All data reaches the page through textContent or SVG attributes, never
// through HTML parsing, so no field (region, names, messages) can inject markup.
'use strict';

(() => {
  const POLL_MS = 3000;
  const OPTIONS_EVERY = 10; // refresh the region/year lists every 10 polls (30 s)
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const CODE = /^[A-Za-z0-9_.-]{1,64}$/;
  const YEAR = /^[0-9]{4}$/;
  const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

  // Traffic lights, with a shape and words so that colour is never the only signal.
  const STATUS = {
    AHEAD: { zh: '超序时', en: 'ahead', tone: 'good', icon: '▲' },
    ON_PACE: { zh: '正常', en: 'on pace', tone: 'good', icon: '●' },
    AT_RISK: { zh: '预警', en: 'at risk', tone: 'warn', icon: '◆' },
    BEHIND: { zh: '滞后', en: 'behind', tone: 'bad', icon: '▼' },
    NO_DATA: { zh: '暂无数据', en: 'no data', tone: 'none', icon: '○' },
    NOT_ASSESSABLE: { zh: '无法评估', en: 'not assessable', tone: 'none', icon: '–' },
    OVERDUE: { zh: '逾期未发布', en: 'overdue', tone: 'late', icon: '!' },
  };
  const TONES = [
    { tone: 'good', zh: '超序时/正常', en: 'ahead / on pace' },
    { tone: 'warn', zh: '预警', en: 'at risk' },
    { tone: 'bad', zh: '滞后', en: 'behind' },
    { tone: 'none', zh: '暂无数据/无法评估', en: 'no data' },
    { tone: 'late', zh: '逾期未发布', en: 'overdue', optional: true },
  ];

  const $ = (id) => document.getElementById(id);
  const state = {
    region: null,
    year: null,
    fromUrl: { region: null, year: null },
    pairs: [], // [{region, year}] in the order /api/series-index lists them
    names: new Map(), // region code -> { zh, en } from the region catalogue, via /api/series-index
    series: new Map(), // indicator -> { sig, latest, history, card }
    polls: 0,
    generation: 0,
    lastOk: null,
    timer: null,
    inflight: false,
    again: false,
    urlProblems: [],
    partial: null, // { missing: 'host:port,...' } while the last list answer was partial
  };

  // ---------- small helpers ----------

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function num(v) {
    if (v === null || v === undefined || v === '') return null;
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }

  function fmt(v, maxDigits = 2, minDigits = 0) {
    const n = num(v);
    if (n === null) return '—';
    return n.toLocaleString('en-US', { maximumFractionDigits: maxDigits, minimumFractionDigits: minDigits });
  }

  const pct = (fraction, digits = 1) => (num(fraction) === null ? '—' : (num(fraction) * 100).toFixed(digits) + '%');
  const growth = (v) => (num(v) === null ? '—' : fmt(v, 2, 1) + '%');

  function signed(v, suffix) {
    const n = num(v);
    if (n === null) return '—';
    const sign = n > 0 ? '+' : n < 0 ? '−' : '±';
    return sign + fmt(Math.abs(n), 2, 1) + suffix;
  }

  function amount(v, unit) {
    return num(v) === null ? '—' : fmt(v, 2) + ' ' + (unit || '');
  }

  function statusOf(code) {
    return STATUS[code] || { zh: String(code), en: String(code).toLowerCase(), tone: 'none', icon: '?' };
  }

  function periodText(year, month) {
    if (!month) return { zh: year + '年 暂无数据', en: 'no figures yet for ' + year };
    if (month === 1) return { zh: year + '年1月', en: 'Jan ' + year };
    return { zh: year + '年1-' + month + '月', en: 'Jan–' + MONTHS_EN[month - 1] + ' ' + year };
  }

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  async function getJson(url) {
    return (await getAnswer(url)).body;
  }

  // The list endpoints say in headers when some instances did not answer in time (the body is then
  // this instance's part and whatever else arrived): the page must not pass that off as complete.
  function partialOf(headers) {
    return headers.get('Pacewatch-Partial') === 'true'
      ? { missing: headers.get('Pacewatch-Unavailable-Instances') || '?' } : null;
  }

  async function getAnswer(url) {
    let response;
    try {
      // 'no-cache': the browser keeps answers and asks again with If-None-Match; an unchanged one
      // is a 304 without a body, so a quiet screen costs headers, not data.
      response = await fetch(url, { cache: 'no-cache', headers: { Accept: 'application/json' } });
    } catch (e) {
      throw new ApiError(0, 'the service does not answer');
    }
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    if (!response.ok) {
      const message = body && typeof body.error === 'string' ? body.error : 'HTTP ' + response.status;
      throw new ApiError(response.status, message);
    }
    return { body, headers: response.headers };
  }

  // ---------- region and year ----------

  function readUrl() {
    const params = new URLSearchParams(window.location.search);
    const region = params.get('region');
    const year = params.get('year');
    const problems = [];
    if (region !== null && !CODE.test(region)) {
      problems.push('地区代码无效 invalid region code: ' + region);
    }
    if (year !== null && !YEAR.test(year)) {
      problems.push('年份无效 invalid year: ' + year);
    }
    state.fromUrl = {
      region: region !== null && CODE.test(region) ? region : null,
      year: year !== null && YEAR.test(year) ? Number(year) : null,
    };
    return problems;
  }

  function writeUrl() {
    const params = new URLSearchParams();
    if (state.region) params.set('region', state.region);
    if (state.year) params.set('year', String(state.year));
    window.history.replaceState(null, '', '?' + params.toString());
  }

  // The selectors come from the small index of regions and years with data, not from the full
  // progress list: at national size that list is megabytes, the index a few kilobytes.
  async function refreshOptions() {
    const index = await getJson('/api/series-index');
    const pairs = [];
    const names = new Map();
    for (const r of index && Array.isArray(index.regions) ? index.regions : []) {
      if (typeof r.region !== 'string' || !Array.isArray(r.years)) continue;
      for (const year of r.years) pairs.push({ region: r.region, year });
      if (typeof r.nameZh === 'string' && typeof r.nameEn === 'string') names.set(r.region, { zh: r.nameZh, en: r.nameEn });
    }
    state.pairs = pairs;
    state.names = names;
    if (!state.region) {
      const wanted = state.fromUrl.region;
      const first = pairs.find((x) => (!wanted || x.region === wanted) && (!state.fromUrl.year || x.year === state.fromUrl.year));
      state.region = wanted || (first ? first.region : null);
      // The region's latest year with data: the year a leader watches (last year is there for comparison).
      const years = pairs.filter((x) => x.region === state.region).map((x) => x.year);
      state.year = state.fromUrl.year || (years.length ? Math.max(...years) : null);
    }
    renderSelectors();
  }

  // A region as a person reads it: the catalogue's names, else the code.
  function regionLabel(code) {
    const names = state.names.get(code);
    return names ? names.zh + ' ' + names.en : code;
  }

  function fillSelect(select, values, current, label = String) {
    const wanted = values.map(String);
    const labels = values.map(label);
    const existing = Array.from(select.options).map((o) => o.value + '\t' + o.textContent);
    if (existing.join('\n') !== wanted.map((v, i) => v + '\t' + labels[i]).join('\n')) {
      select.replaceChildren(...wanted.map((v, i) => {
        const option = el('option', null, labels[i]);
        option.value = v;
        return option;
      }));
    }
    if (current !== null && current !== undefined) select.value = String(current);
  }

  function renderSelectors() {
    const regions = [...new Set(state.pairs.map((x) => x.region))];
    if (state.region && !regions.includes(state.region)) regions.unshift(state.region);
    const years = [...new Set(state.pairs.filter((x) => x.region === state.region).map((x) => x.year))];
    if (state.year && !years.includes(state.year)) years.unshift(state.year);
    years.sort((a, b) => b - a);
    fillSelect($('region-select'), regions, state.region, regionLabel);
    fillSelect($('year-select'), years, state.year);
    const names = state.region ? state.names.get(state.region) : null;
    $('region-name').textContent = names ? names.zh : state.region || '—';
    $('region-name').title = names ? names.en + ' · ' + state.region : '';
    $('year-name').textContent = state.year ? state.year + '' : '';
    document.title = 'pacewatch · ' + (state.region ? regionLabel(state.region) : '') + ' ' + (state.year || '')
      + ' · 指标进度 Indicator pace';
  }

  function choose(region, year) {
    state.region = region;
    state.year = year;
    state.generation += 1;
    for (const entry of state.series.values()) entry.card.remove();
    state.series.clear();
    writeUrl();
    renderSelectors();
    pollNow();
  }

  // ---------- polling ----------

  // Standings that changed get their pace curve fetched again; every OPTIONS_EVERY polls all of
  // them do, so that a revision of an earlier month that leaves the latest standing as it was
  // still reaches the chart.
  async function refreshSeries(generation, everything) {
    const q = '?region=' + encodeURIComponent(state.region) + '&year=' + encodeURIComponent(state.year);
    const answer = await getAnswer('/api/progress' + q);
    const list = answer.body;
    if (generation !== state.generation) return;
    state.partial = partialOf(answer.headers);
    const latest = Array.isArray(list) ? list.filter((p) => p.region === state.region && p.year === state.year) : [];
    const changed = latest.filter((p) => {
      const entry = state.series.get(p.indicator);
      return everything || !entry || entry.sig !== JSON.stringify(p);
    });
    const details = await Promise.all(changed.map(async (p) => {
      const path = '/api/progress/' + encodeURIComponent(p.region) + '/' + encodeURIComponent(p.indicator) + '/'
        + encodeURIComponent(p.year);
      try {
        return await getJson(path);
      } catch (e) {
        return { latest: p, history: [p], alerts: [], failed: true };
      }
    }));
    if (generation !== state.generation) return;
    changed.forEach((p, i) => {
      const detail = details[i] || {};
      const history = Array.isArray(detail.history) && detail.history.length ? detail.history : [p];
      let entry = state.series.get(p.indicator);
      if (!entry) {
        entry = { card: el('article', 'card') };
        entry.card.dataset.indicator = p.indicator;
        state.series.set(p.indicator, entry);
      }
      entry.sig = detail.failed ? null : JSON.stringify(p); // retried on the next poll
      entry.latest = p;
      entry.history = history;
      entry.alerts = Array.isArray(detail.alerts) ? detail.alerts : [];
      renderCard(entry);
    });
    const present = new Set(latest.map((p) => p.indicator));
    for (const [indicator, entry] of state.series) {
      if (!present.has(indicator)) {
        entry.card.remove();
        state.series.delete(indicator);
      }
    }
    const grid = $('cards');
    latest.forEach((p, i) => {
      const card = state.series.get(p.indicator).card;
      if (grid.children[i] !== card) grid.insertBefore(card, grid.children[i] || null);
    });
    renderSummary(latest);
    if (!latest.length) {
      showNotice('尚无 ' + state.region + ' ' + state.year + ' 年的进度数据：等待目标和发布。'
        + ' No progress yet for ' + state.region + ' ' + state.year + ': waiting for targets and releases.');
    } else {
      showNotice(null);
    }
  }

  async function poll() {
    if (state.inflight) {
      state.again = true;
      return;
    }
    state.inflight = true;
    state.again = false;
    const generation = state.generation;
    try {
      const periodic = state.polls % OPTIONS_EVERY === 0;
      if (periodic || !state.region) await refreshOptions();
      if (state.region && state.year) {
        await refreshSeries(generation, periodic);
      } else {
        showNotice('尚无任何进度数据：等待目标和发布。No progress yet: waiting for targets and releases.');
      }
      state.lastOk = new Date();
      setLive(true);
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) {
        showNotice('请求被拒绝 Request refused: ' + e.message);
        setLive(true);
      } else {
        setLive(false, e instanceof ApiError && e.status === 503 ? '服务尚未就绪 service not ready yet' : e.message);
      }
    } finally {
      state.polls += 1;
      state.inflight = false;
      schedule(state.again ? 0 : POLL_MS);
    }
  }

  function schedule(ms) {
    window.clearTimeout(state.timer);
    state.timer = window.setTimeout(poll, ms);
  }

  function pollNow() {
    schedule(0);
  }

  function setLive(ok, reason) {
    const live = $('live');
    const time = state.lastOk ? state.lastOk.toLocaleTimeString('zh-CN', { hour12: false }) : '—';
    document.body.classList.toggle('stale', !ok);
    live.classList.toggle('down', !ok);
    live.textContent = ok
      ? '● 实时 Live · 每' + POLL_MS / 1000 + '秒刷新 polling every ' + POLL_MS / 1000 + ' s · 更新于 updated ' + time
      : '⚠ 连接中断，重试中 Connection lost, retrying (' + (reason || 'error') + ') · 最后更新 last update ' + time;
  }

  // The notice shows problems with the address (kept) and the current state of the data.
  function showNotice(text) {
    const lines = state.urlProblems.concat(text ? [text] : []);
    if (state.partial) {
      lines.push('部分实例未及时响应，数据可能不完整 Some instances did not answer in time; figures may be incomplete'
        + ' (' + state.partial.missing + ')');
    }
    const notice = $('notice');
    notice.hidden = lines.length === 0;
    notice.textContent = lines.join(' · ');
  }

  function renderSummary(latest) {
    const counts = new Map(TONES.map((t) => [t.tone, 0]));
    let maxMonth = 0;
    let newest = '';
    for (const p of latest) {
      const tone = statusOf(p.status).tone;
      counts.set(tone, counts.get(tone) + 1);
      maxMonth = Math.max(maxMonth, num(p.asOfMonth) || 0);
      if (typeof p.updatedAt === 'string' && p.updatedAt > newest && !p.updatedAt.startsWith('1970')) newest = p.updatedAt;
    }
    $('summary').replaceChildren(...TONES.filter((t) => !t.optional || counts.get(t.tone) > 0).map((t) => {
      const item = el('li', 'chip tone-' + t.tone);
      item.dataset.tone = t.tone;
      item.append(el('span', 'count', counts.get(t.tone)), el('span', 'zh', t.zh), el('span', 'en', t.en));
      return item;
    }));
    const period = periodText(state.year, maxMonth);
    $('as-of').textContent = 'Progress on annual targets · 数据截至 as of ' + period.zh + ' · ' + period.en
      + (newest ? ' · 最新发布 latest release ' + newest.slice(0, 10) : '');
  }

  // ---------- one indicator ----------

  function badge(code) {
    const s = statusOf(code);
    const node = el('p', 'badge tone-' + s.tone);
    node.dataset.status = code;
    node.append(el('span', 'icon', s.icon), el('span', 'label-zh', s.zh), el('span', 'label-en', s.en));
    node.firstChild.setAttribute('aria-hidden', 'true');
    return node;
  }

  function stat(labelZh, labelEn, value, className) {
    const node = el('div', 'stat' + (className ? ' ' + className : ''));
    const label = el('span', 'k');
    label.append(el('span', 'zh', labelZh), el('span', 'en', labelEn));
    node.append(label, el('span', 'v', value));
    return node;
  }

  function figure(list, labelZh, labelEn, value) {
    const dt = el('dt');
    dt.append(el('span', 'zh', labelZh), el('span', 'en', labelEn));
    list.append(dt, el('dd', null, value));
  }

  // Same-period pace (上年同期进度): both gaps where last year is known, whatever the status is judged on.
  function samePeriodFigures(list, p) {
    if (num(p.priorYearGapPp) !== null) {
      // short labels: the figures grid keeps each on one line
      figure(list, '上年同期', 'last year', pct(p.priorYearShare));
      figure(list, '同期差距', 'vs last yr', signed(p.priorYearGapPp, ' pp'));
    }
    if (num(p.linearGapPp) !== null) {
      figure(list, '序时差距', 'vs linear', signed(p.linearGapPp, ' pp'));
    }
    if (p.priorYearFallback === true) {
      figure(list, '上年同期', 'last year', '不全 incomplete');
    }
  }

  // The rank among the regions of the same parent, as bureaus write it: 第3/10, 并列 (tied).
  function peerRankText(p) {
    const tied = p.peerRankTied === true;
    return '第' + p.peerRank + '/' + p.peerCount + (tied ? ', 并列' : '')
      + ' · ' + p.peerRank + ' of ' + p.peerCount + (tied ? ', tied' : '');
  }

  function renderCard(entry) {
    const p = entry.latest;
    const s = statusOf(p.status);
    const card = entry.card;
    card.className = 'card tone-' + s.tone;
    card.dataset.status = p.status;

    const names = el('div', 'names');
    names.append(el('h2', 'name-zh', p.indicatorNameZh || p.indicator), el('p', 'name-en', p.indicatorNameEn || ''));
    const period = periodText(p.year, num(p.asOfMonth) || 0);
    const when = el('p', 'period');
    when.append(el('span', 'zh', period.zh), el('span', 'en', period.en));
    if (p.asOfPeriod) when.title = 'period ' + p.asOfPeriod;
    const head = el('header', 'card-head');
    head.append(badge(p.status), names, when);

    const unit = p.unit || '';
    const headline = el('div', 'headline');
    const amountJudged = p.judgedOn === 'AMOUNT_COMPLETION';
    const amountShown = amountJudged || (p.targetKind === 'AMOUNT' && p.judgedOn === 'NONE'
      && num(p.cumulativeGrowthPercent) === null);
    if (amountShown) {
      // With linearTimeProgress beside it, timeProgress is the target's own benchmark (seasonal or last year's).
      const benchmark = num(p.linearTimeProgress) !== null;
      headline.append(stat('完成', 'completion', pct(p.completionRatio), 'main'),
        stat(benchmark ? '进度基准' : '序时进度', benchmark ? 'pace benchmark' : 'time progress', pct(p.timeProgress)),
        stat('差距', 'gap', signed(p.gapPp, ' pp'), 'gap'));
    } else {
      const reference = p.judgedOn === 'IMPLIED_GROWTH'
        ? stat('目标隐含增长', 'implied target', growth(p.impliedTargetGrowthPercent))
        : stat('目标增长', 'target growth', p.targetKind === 'GROWTH' ? growth(p.targetValue) : '—');
      headline.append(stat('累计增长', 'cumulative growth', growth(p.cumulativeGrowthPercent), 'main'), reference,
        stat('差距', 'gap', signed(p.gapPp, ' pp'), 'gap'));
    }

    const figures = el('dl', 'figures');
    figure(figures, '累计', 'YTD', amount(p.ytdValue, unit));
    if (p.targetKind !== 'GROWTH') {
      figure(figures, '年度目标', 'target', p.targetKind === 'AMOUNT' ? amount(p.targetValue, unit) : '未设定 not set');
    }
    if (p.targetKind !== 'GROWTH' || num(p.projectedYearEnd) !== null) {
      figure(figures, '预计全年', 'projected', amount(p.projectedYearEnd, unit));
    }
    if (amountJudged) {
      figure(figures, '尚需', 'to go', amount(p.remainingToTarget, unit));
    } else if (num(p.requiredRestOfYearGrowthPercent) !== null) {
      figure(figures, '余月需增', 'rest of year', growth(p.requiredRestOfYearGrowthPercent));
    }
    if (Array.isArray(p.missingMonths) && p.missingMonths.length) {
      figure(figures, '缺报月份', 'missing', p.missingMonths.join(', '));
    }
    if (num(p.peerRank) !== null) {
      figure(figures, '同级排名', 'peer rank', peerRankText(p));
    }
    samePeriodFigures(figures, p);

    const messages = el('div', 'messages');
    messages.append(el('p', 'msg-zh', p.messageZh || ''), el('p', 'msg-en', p.messageEn || ''));

    const parts = [head, headline];
    if (amountJudged) parts.push(progressBar(p));
    parts.push(figures, messages, paceChart(p, entry.history));
    card.replaceChildren(...parts);
  }

  // Completion as a bar with the time-progress position marked on it.
  function progressBar(p) {
    const completion = Math.max(0, num(p.completionRatio) || 0);
    const time = Math.min(1, Math.max(0, num(p.timeProgress) || 0));
    const scale = Math.max(1, completion);
    const w = 600;
    const node = svg('svg', { class: 'bar', viewBox: '0 0 ' + w + ' 22', preserveAspectRatio: 'none', role: 'img',
      'aria-label': '完成 ' + pct(p.completionRatio) + '，序时进度 ' + pct(p.timeProgress)
        + ' · completion ' + pct(p.completionRatio) + ', time progress ' + pct(p.timeProgress) });
    node.append(svg('rect', { class: 'track', x: 0, y: 4, width: w, height: 14, rx: 7 }),
      svg('rect', { class: 'fill tone-' + statusOf(p.status).tone, x: 0, y: 4, width: (completion / scale) * w, height: 14, rx: 7 }),
      svg('rect', { class: 'marker', x: Math.min(w - 4, (time / scale) * w - 2), y: 0, width: 4, height: 22 }));
    return node;
  }

  // The pace curve: one point per month (the last standing of each month), with the line the target
  // asks for. Amount targets: completion vs time progress; growth targets: growth vs the target.
  function paceChart(latest, history) {
    const byMonth = new Map();
    for (const h of history) {
      if (num(h.asOfMonth) >= 1) byMonth.set(num(h.asOfMonth), h);
    }
    if (num(latest.asOfMonth) >= 1) byMonth.set(num(latest.asOfMonth), byMonth.get(num(latest.asOfMonth)) || latest);
    const months = [...byMonth.keys()].sort((a, b) => a - b).map((m) => byMonth.get(m));
    const completionPoints = months.filter((h) => num(h.completionRatio) !== null);
    const growthPoints = months.filter((h) => num(h.cumulativeGrowthPercent) !== null);
    // amount targets: completion vs time progress, unless only growth was ever published
    const amountMode = latest.targetKind === 'AMOUNT' && latest.judgedOn !== 'IMPLIED_GROWTH'
      && (completionPoints.length > 0 || growthPoints.length === 0);

    const wrap = el('figure', 'chart');
    const W = 600;
    const H = 150;
    const box = { l: 66, r: 30, t: 10, b: 30 };
    const pw = W - box.l - box.r;
    const ph = H - box.t - box.b;
    const x = (m) => box.l + (m / 12) * pw;

    let points;
    let reference = [];
    let lo;
    let hi;
    let step;
    let label;
    let caption;
    let valueOf;
    let pointText;
    if (amountMode) {
      points = completionPoints.map((h) => ({ m: num(h.asOfMonth), v: num(h.completionRatio) * 100, h }));
      // time progress: linear, or the target's seasonal shares where the history states them
      reference = [{ m: 0, v: 0 }];
      for (const h of months) if (num(h.timeProgress) !== null) reference.push({ m: num(h.asOfMonth), v: num(h.timeProgress) * 100 });
      if (reference[reference.length - 1].m < 12) reference.push({ m: 12, v: 100 });
      lo = 0;
      hi = Math.max(100, ...points.map((q) => q.v));
      step = hi > 150 ? 50 : 25;
      label = (v) => fmt(v, 0) + '%';
      valueOf = (v) => v.toFixed(1) + '%';
      caption = [['actual', '完成率', 'completion'], ['ref', '序时进度', 'time progress']];
      pointText = (q) => '完成 ' + q.v.toFixed(1) + '% / 序时 ' + pct(q.h.timeProgress);
    } else {
      points = growthPoints.map((h) => ({ m: num(h.asOfMonth), v: num(h.cumulativeGrowthPercent), h }));
      const target = latest.judgedOn === 'IMPLIED_GROWTH' || latest.targetKind === 'AMOUNT'
        ? num(latest.impliedTargetGrowthPercent)
        : latest.targetKind === 'GROWTH' ? num(latest.targetValue) : null;
      if (target !== null) reference = [{ m: 0, v: target }, { m: 12, v: target }];
      const noTarget = latest.targetKind === 'AMOUNT' ? ['总量目标，无增长可比', 'amount target, no growth basis']
        : ['无目标', 'no target'];
      const values = points.map((q) => q.v).concat(target === null ? [] : [target]);
      lo = Math.min(0, ...values);
      hi = Math.max(1, ...values);
      const span = hi - lo;
      step = [0.5, 1, 2, 5, 10, 20, 50, 100].find((s) => span / s <= 5) || 100;
      lo = Math.floor(lo / step) * step;
      hi = Math.ceil(hi / step) * step;
      if (hi - Math.max(...values) < step * 0.3) hi += step;
      label = (v) => fmt(v, 1) + '%';
      valueOf = (v) => fmt(v, 2, 1) + '%';
      caption = [['actual', '累计增长', 'cumulative growth'],
        ['ref', target === null ? noTarget[0] : '目标 ' + fmt(target, 2) + '%', target === null ? noTarget[1] : 'target']];
      pointText = (q) => '累计增长 ' + fmt(q.v, 2) + '%';
    }
    if (amountMode) hi = Math.ceil(hi / step) * step;
    const y = (v) => box.t + ph - ((v - lo) / (hi - lo)) * ph;

    const description = points.length
      ? (amountMode ? '按月完成率与序时进度 completion by month vs time progress: ' : '按月累计增长与目标 cumulative growth by month vs target: ')
        + points.map((q) => q.m + '月 ' + valueOf(q.v)).join(', ')
      : '暂无曲线 no curve yet';
    const chart = svg('svg', { class: 'pace', viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': description });
    chart.append(svg('title', {}, description));

    for (let v = lo; v <= hi + 1e-9; v += step) {
      chart.append(svg('line', { class: 'grid' + (Math.abs(v) < 1e-9 ? ' zero' : ''), x1: box.l, x2: W - box.r, y1: y(v), y2: y(v) }),
        svg('text', { class: 'tick y', x: box.l - 8, y: y(v) + 5, 'text-anchor': 'end' }, label(v)));
    }
    for (let m = 1; m <= 12; m += 1) {
      chart.append(svg('line', { class: 'grid', x1: x(m), x2: x(m), y1: box.t + ph, y2: box.t + ph + 5 }));
      if (m === 1 || m % 3 === 0) {
        chart.append(svg('text', { class: 'tick x', x: x(m), y: H - 6, 'text-anchor': 'middle' }, m + '月'));
      }
    }

    if (reference.length) {
      chart.append(svg('polyline', { class: 'ref', points: reference.map((q) => x(q.m) + ',' + y(q.v)).join(' ') }));
    }
    if (points.length) {
      chart.append(svg('polyline', { class: 'actual', points: points.map((q) => x(q.m) + ',' + y(q.v)).join(' ') }));
      for (const q of points) {
        const dot = svg('circle', { class: 'dot tone-' + statusOf(q.h.status).tone, cx: x(q.m), cy: y(q.v), r: 6 });
        const period = periodText(latest.year, q.m);
        dot.append(svg('title', {}, period.zh + ' ' + pointText(q) + ' · ' + statusOf(q.h.status).zh + ' ' + statusOf(q.h.status).en));
        chart.append(dot);
      }
      const last = points[points.length - 1];
      const anchor = x(last.m) > W - 120 ? 'end' : 'start';
      const dx = anchor === 'end' ? -12 : 12;
      const below = y(last.v) - 16 < box.t + 18;
      chart.append(svg('text', { class: 'value', x: x(last.m) + dx, y: below ? y(last.v) + 30 : y(last.v) - 14,
        'text-anchor': anchor }, valueOf(last.v)));
    } else {
      chart.append(svg('text', { class: 'empty', x: box.l + 12, y: box.t + 22, 'text-anchor': 'start' },
        '暂无数据 no figures yet'));
    }

    const legend = el('figcaption', 'chart-legend');
    for (const [kind, zh, en] of caption) {
      const item = el('span', 'legend-item');
      item.append(el('span', 'line ' + kind), el('span', 'zh', zh), el('span', 'en', en));
      legend.append(item);
    }
    wrap.append(chart, legend);
    return wrap;
  }

  // ---------- start ----------

  function start() {
    state.urlProblems = readUrl();
    showNotice(null);
    $('region-select').addEventListener('change', (e) => {
      const region = e.target.value;
      const first = state.pairs.find((x) => x.region === region);
      choose(region, first ? first.year : state.year);
    });
    $('year-select').addEventListener('change', (e) => choose(state.region, Number(e.target.value)));
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden) pollNow();
    });
    poll();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
