/*
 * report.js - the mmsim report page (sim/report, docs/REPORT.md).
 *
 * Reads the JSON blob the generator embedded (#data), rebuilds the state of
 * the run record by record (processes, their mappings and fds, every
 * page's PTE, page-table frames) with an undo log so stepping back is as
 * cheap as stepping forward, and renders the selected step.  Nothing here
 * decodes a PTE: the generator put each value's decode and bit fields (from
 * mmu/pt_explain.c, the words of `mmsim pte`) in D.ptes.
 *
 * Plain DOM and canvas; no library, no network.
 */
'use strict';
(function () {
  var D = JSON.parse(document.getElementById('data').textContent);
  var EV = D.events, PT = D.ptes, S = D.str;
  var N = EV.length;
  var PROT_R = 0x100, PROT_W = 0x200, PROT_X = 0x400, PROT_NOCACHE = 0x800;
  var MAP_SHARED = 1, MAP_PRIVATE = 2, MAP_FIXED = 0x10, MAP_LAZY = 0x80, MAP_PHYS = 0x10000, MAP_ANON = 0x80000;
  var FL = { valid: 1, shareable: 2, coherent: 4, guarded: 8, le: 16, global: 32, spec: 64, xn: 128, ref: 256, chg: 512 };
  var ppc = D.cpu === 'e500' || D.cpu === 'ppc600';

  function $(id) { return document.getElementById(id); }
  /* The table's body (made on first use: the page's HTML has none, an empty one is not valid to every checker). */
  function tbodyOf(id) { var t = $(id); return t.tBodies[0] || t.appendChild(document.createElement('tbody')); }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function hex(v, w) { var s = (v >>> 0).toString(16); while (s.length < (w || 8)) s = '0' + s; return '0x' + s; }
  function hexn(v) { return typeof v === 'string' ? v : hex(v); }
  function num(s) { return typeof s === 'number' ? s : parseInt(s, 16); }
  function kb(n) { return n >= 1048576 && n % 1048576 === 0 ? (n / 1048576) + ' MiB' : n >= 1024 ? (n / 1024) + ' KiB' : n + ' B'; }

  /* ---- records ---------------------------------------------------- */
  function evName(r) { return Array.isArray(r) ? (r[0] === 0 ? 'pte' : 'rc') : r.ev; }
  function evPid(r) {
    if (Array.isArray(r)) return r[1];
    return typeof r.pid === 'number' ? r.pid : null;
  }
  function opOf(r) { return Array.isArray(r) ? '' : (r.op || r.call || ''); }

  /* ---- state with an undo log -------------------------------------- */
  var st = {
    procs: new Map(),   /* pid -> {pid, path, alive, maps:[{start,end,prot,flags,fd,obj}], fds: Map fd->name} */
    ptes: new Map(),    /* asid -> Map vpage -> {e: entry, pa: pte_pa} */
    ptcount: new Map(), /* frame number -> valid entries it holds */
    ptframes: new Map(),/* frame number -> asid that first wrote an entry there (page-table frames) */
    objs: new Map(),    /* object name -> {name, flags, special, size, segments} */
    reports: []         /* indexes of check/fault records so far */
  };
  var undo = new Array(N);
  var cur = -1;
  var log = null;

  function entryValid(e) { return e !== undefined && e !== null && (PT[e][7] & FL.valid) !== 0; }
  function setPte(asid, vp, val, nolog) {
    var m = st.ptes.get(asid);
    if (!m) { m = new Map(); st.ptes.set(asid, m); }
    var old = m.get(vp);
    if (old && entryValid(old.e)) adjCount(old.pa, -1);
    if (val && entryValid(val.e)) adjCount(val.pa, 1);
    if (val) m.set(vp, val); else m.delete(vp);
    if (!nolog) log.push(['pte', asid, vp, old]);
  }
  function adjCount(pa, d) {
    var f = Math.floor(pa / 4096);
    st.ptcount.set(f, (st.ptcount.get(f) || 0) + d);
  }
  function setMap(map, key, val, nolog) {
    var had = map.has(key), old = map.get(key);
    if (val === undefined) map.delete(key); else map.set(key, val);
    if (!nolog) log.push(['map', map, key, had ? old : undefined]);
  }
  function cloneProc(p) {
    return { pid: p.pid, path: p.path, alive: p.alive, maps: p.maps.map(function (m) { return Object.assign({}, m); }), fds: new Map(p.fds) };
  }
  /* A copy of process pid to change (the old object goes to the undo log). */
  function procW(pid) {
    var p = st.procs.get(pid);
    var n = p ? cloneProc(p) : { pid: pid, path: '', alive: true, maps: [], fds: new Map() };
    setMap(st.procs, pid, n);
    return n;
  }
  function cutRange(p, a, b, fn) {
    /* Split mappings at a and b; fn(m) changes or (returning false) removes each piece inside. */
    var out = [];
    p.maps.forEach(function (m) {
      if (m.end <= a || m.start >= b) { out.push(m); return; }
      if (m.start < a) out.push(Object.assign({}, m, { end: a }));
      var mid = Object.assign({}, m, { start: Math.max(a, m.start), end: Math.min(b, m.end) });
      if (fn(mid) !== false) out.push(mid);
      if (m.end > b) out.push(Object.assign({}, m, { start: b }));
    });
    out.sort(function (x, y) { return x.start - y.start; });
    p.maps = out;
  }
  function objName(p, fd, flags) {
    if (fd >= 0) return (p && p.fds.get(fd)) || ('fd ' + fd);
    if (flags & MAP_PHYS) return 'physical memory';
    if (flags & MAP_ANON) return (flags & MAP_PRIVATE) ? 'anonymous (private)' : 'anonymous (shared)';
    return 'anonymous';
  }

  function applyMm(r) {
    var a = r.args || {}, pid = r.pid, p;
    if (typeof r.ret === 'number' && r.ret < 0) return;   /* a failed call changes nothing */
    switch (r.op) {
    case 'proc_create': p = procW(pid); p.alive = true; p.maps = []; break;
    case 'proc_fork': {
      var parent = st.procs.get(pid);
      var c = parent ? cloneProc(parent) : { pid: a.child, path: '', alive: true, maps: [], fds: new Map() };
      c.pid = a.child; c.alive = true;
      setMap(st.procs, a.child, c);
      break;
    }
    case 'proc_destroy':
      p = procW(pid); p.alive = false; p.maps = []; p.fds = new Map();
      break;
    case 'exec': p = procW(pid); p.maps = []; break;
    case 'shm_open': p = procW(pid); p.fds.set(r.ret, a.name); touchObj(a.name); break;
    case 'file_open': p = procW(pid); p.fds.set(r.ret, 'file #' + a.file); break;
    case 'shmget': {
      var sn = 'System V shmid ' + r.ret, so0 = objOf(sn);
      if (!so0.size) setMap(st.objs, sn, Object.assign({}, so0, { size: a.size }));
      break;
    }
    case 'close': p = procW(pid); p.fds.delete(a.fd); break;
    case 'dup': p = procW(pid); if (p.fds.has(a.fd)) p.fds.set(r.ret, p.fds.get(a.fd)); break;
    case 'dup2': p = procW(pid); if (p.fds.has(a.fd)) p.fds.set(a.newfd, p.fds.get(a.fd)); break;
    case 'shm_ctl': {
      p = st.procs.get(pid);
      var nm = p && p.fds.get(a.fd);
      if (nm) { var o = Object.assign({}, objOf(nm), { flags: a.flags, special: a.has_special ? a.special : null, size: a.size }); setMap(st.objs, nm, o); }
      break;
    }
    case 'ftruncate': {
      p = st.procs.get(pid);
      var nm2 = p && p.fds.get(a.fd);
      if (nm2) setMap(st.objs, nm2, Object.assign({}, objOf(nm2), { size: a.len }));
      break;
    }
    case 'obj_info': {
      p = st.procs.get(pid);
      var nm3 = p && p.fds.get(a.fd);
      if (nm3) setMap(st.objs, nm3, Object.assign({}, objOf(nm3), { segments: r.segments || [] }));
      break;
    }
    case 'mmap': case 'shmat': {
      p = procW(pid);
      var start = num(r.out), len = r.op === 'mmap' ? num(a.len) : 0;
      var name = r.op === 'mmap' ? objName(p, a.fd, num(a.flags)) : 'System V shmid ' + a.shmid;
      if (r.op === 'shmat') {
        var so = st.objs.get(name);
        len = so && so.size ? num(so.size) : 4096;
      }
      len = Math.ceil(len / 4096) * 4096;
      var prot = r.op === 'mmap' ? num(a.prot) : ((num(a.flags) & 0x1000) ? PROT_R : PROT_R | PROT_W);
      cutRange(p, start, start + len, function () { return false; });
      /* the ELF loader's mappings come before the process's spawn record */
      if (!p.path && r.op === 'mmap' && a.fd < 0) name = 'program image: ' + name;
      p.maps.push({ start: start, end: start + len, prot: prot, flags: r.op === 'mmap' ? num(a.flags) : MAP_SHARED, fd: a.fd, obj: name, at: cur + 1 });
      p.maps.sort(function (x, y) { return x.start - y.start; });
      break;
    }
    case 'munmap': p = procW(pid); cutRange(p, num(a.addr), num(a.addr) + Math.ceil(num(a.len) / 4096) * 4096, function () { return false; }); break;
    case 'shmdt': p = procW(pid); p.maps = p.maps.filter(function (m) { return m.start !== num(a.addr) || m.obj.indexOf('System V') !== 0; }); break;
    case 'mprotect': p = procW(pid); cutRange(p, num(a.addr), num(a.addr) + Math.ceil(num(a.len) / 4096) * 4096, function (m) { m.prot = num(a.prot) | (m.prot & PROT_NOCACHE); }); break;
    case 'mremap': {
      p = procW(pid);
      var oa = num(a.old), os = Math.ceil(num(a.oldsize) / 4096) * 4096, ns = Math.ceil(num(a.newsize) / 4096) * 4096, na = num(r.out);
      var src = null;
      p.maps.forEach(function (m) { if (m.start <= oa && oa < m.end) src = m; });
      cutRange(p, oa, oa + os, function () { return false; });
      if (src) {
        cutRange(p, na, na + ns, function () { return false; });
        p.maps.push(Object.assign({}, src, { start: na, end: na + ns }));
        p.maps.sort(function (x, y) { return x.start - y.start; });
      }
      break;
    }
    default: break;
    }
  }
  function objOf(name) { return st.objs.get(name) || { name: name, flags: null, special: null, size: null, segments: null }; }
  function touchObj(name) { if (!st.objs.has(name)) setMap(st.objs, name, objOf(name)); }

  function apply(i) {
    log = [];
    var r = EV[i];
    if (Array.isArray(r)) {
      setPte(r[1], Math.floor(r[2] / 4096), { e: r[4], pa: r[3], at: i });
      var f = Math.floor(r[3] / 4096);
      if (!st.ptframes.has(f)) setMap(st.ptframes, f, r[1]);
    } else if (r.ev === 'mm') {
      applyMm(r);
    } else if (r.ev === 'spawn') {
      var p = procW(r.pid); p.path = r.path;
    } else if (r.ev === 'fault' || r.ev === 'check') {
      st.reports.push(i);
      log.push(['report']);
    }
    undo[i] = log;
    log = null;
  }
  function revert(i) {
    var l = undo[i];
    for (var j = l.length - 1; j >= 0; j--) {
      var u = l[j];
      if (u[0] === 'pte') setPte(u[1], u[2], u[3], true);
      else if (u[0] === 'map') setMap(u[1], u[2], u[3], true);
      else if (u[0] === 'report') st.reports.pop();
    }
    undo[i] = null;
  }
  function goTo(n) {
    n = Math.max(0, Math.min(N - 1, n));
    while (cur < n) apply(++cur);
    while (cur > n) revert(cur--);
  }

  /* ---- selection ----------------------------------------------------- */
  var sel = { pid: null, va: null, pa: null, owner: null };
  var kinds = Object.keys(D.counts);
  var shown = {};
  kinds.forEach(function (k) { shown[k] = true; });

  function pidsSoFar() {
    var a = [];
    st.procs.forEach(function (p, pid) { a.push(pid); });
    return a.sort(function (x, y) { return x - y; });
  }

  /* ---- rendering ------------------------------------------------------ */
  function summary(r) {
    if (Array.isArray(r)) {
      var e = PT[r[4]];
      var t = (r[0] === 0 ? 'pte ' : 'rc  ') + 'asid ' + r[1] + ' va ' + hex(r[2]) + ' = ' + e[0];
      if (!(e[7] & FL.valid)) return t + ' (invalid: unmapped)';
      return t + ' -> pa ' + hex(e[1]) + ' ' + e[2] + ' ' + e[4] + (r[0] === 1 ? ' (' + (r[5] === 'w' ? 'R+C' : 'R') + ' set)' : '');
    }
    var s = r.ev;
    if (typeof r.pid === 'number') s += ' pid ' + r.pid;
    switch (r.ev) {
    case 'mm': {
      s += ' ' + r.op;
      var a = r.args || {};
      if (a.name) s += ' ' + a.name;
      if (a.addr !== undefined) s += ' ' + a.addr;
      if (a.va !== undefined) s += ' ' + a.va + ' ' + a.access;
      if (a.len !== undefined) s += ' len ' + a.len;
      if (r.out) s += ' -> ' + r.out;
      if (r.kind) s += ' -> ' + r.kind;
      if (r.ret !== 0 && r.ret !== undefined) s += ' = ' + r.ret + (r.errno ? ' ' + r.errno : '');
      return s;
    }
    case 'kcall': return s + ' ' + r.call + (r.name ? ' "' + r.name + '"' : '') + (r.msg ? ' ' + r.msg : '') + (r.ret !== undefined ? ' = ' + r.ret : '') + (r.errno ? ' ' + r.errno : '');
    case 'console': return s + ' ' + JSON.stringify(r.text);
    case 'fault': return s + ' ' + r.signal + ' ' + r.access + ' va ' + r.va + ' pc ' + r.pc + srcSuffix(r);
    case 'check': return s + ' ' + r['class'] + ' pc ' + r.pc + ' pa ' + r.pa + srcSuffix(r);
    case 'dma': return s + ' #' + r.id + ' ' + r.op + ' ' + r.src + ' -> ' + r.dst + ' len ' + r.len + (r.snoop ? ' snoop' : ' no-snoop');
    case 'signal': return s + ' sig ' + r.sig + (r.what ? ' ' + r.what : '');
    case 'exit': return s + ' status ' + r.status + (r.signal ? ' signal ' + r.signal : '');
    case 'spawn': return s + ' ' + r.path;
    case 'dev': return s + ' ' + r.dev + ' ' + r.op + ' +' + r.off + ' = ' + r.value + (r.speculative ? ' (speculative)' : '');
    case 'sig_deliver': return s + ' sig ' + r.sig + ' handler ' + r.handler;
    case 'sig_default': return s + ' sig ' + r.sig + ' ' + r.what;
    case 'block': return s + ' tid ' + r.tid + ' in ' + r['in'];
    case 'fork': return s + ' child ' + r.child;
    case 'machine': return 'machine ' + r.cpu + ' ram ' + r.ram;
    default: return s;
    }
  }

  /* " (file.c:12)" of a report's program line, or "". */
  function srcSuffix(r) {
    var l = locOf(r, 'caller') || locOf(r, 'pc');
    return l && l.file ? ' (' + l.file.replace(/^.*\//, '') + ':' + l.line + ')' : '';
  }

  var filtered = [];
  function refilter() {
    filtered = [];
    for (var i = 0; i < N; i++) {
      var r = EV[i];
      if (!shown[evName(r)]) continue;
      if (pidFilter.checked && sel.pid !== null) {
        var pid = evPid(r);
        if (pid !== null && pid !== sel.pid && !(r.ev === 'fork' && r.child === sel.pid)) continue;
      }
      filtered.push(i);
    }
  }
  function lowerBound(a, v) { var lo = 0, hi = a.length; while (lo < hi) { var m = (lo + hi) >> 1; if (a[m] < v) lo = m + 1; else hi = m; } return lo; }

  var ROWS = 120;
  function renderTimeline() {
    var ol = $('timeline');
    ol.textContent = '';
    var at = lowerBound(filtered, cur);
    var from = Math.max(0, at - ROWS / 2), to = Math.min(filtered.length, from + ROWS);
    from = Math.max(0, to - ROWS);
    if (from > 0) ol.appendChild(el('li', { 'class': 'more' }, from + ' earlier records (step back or enter a step number)'));
    var curLi = null;
    for (var j = from; j < to; j++) {
      var i = filtered[j], r = EV[i];
      var li = el('li', { 'data-step': i, 'class': 'k-' + evName(r) + (i === cur ? ' cur' : '') }, i + '  ' + summary(r));
      if (i === cur) { li.setAttribute('aria-current', 'step'); curLi = li; }
      ol.appendChild(li);
    }
    if (to < filtered.length) ol.appendChild(el('li', { 'class': 'more' }, (filtered.length - to) + ' later records'));
    if (curLi && curLi.scrollIntoView) curLi.scrollIntoView({ block: 'nearest' });
    $('tlcount').textContent = N + ' records in this page' + (filtered.length !== N ? ', ' + filtered.length + ' shown by the filter' : '') + '.';
  }

  function renderEvent() {
    var box = $('event');
    box.textContent = '';
    var r = EV[cur];
    box.appendChild(el('p', null, 'Step ' + cur + ' of ' + (N - 1) + ': ' + summary(r)));
    var o = r;
    if (Array.isArray(r)) {
      var e = PT[r[4]];
      o = { ev: evName(r), asid: r[1], va: hex(r[2]), pte_pa: hex(r[3]), 'new': e[0] };
      if (r[0] === 1) o.access = r[5];
      var b = el('button', { type: 'button' }, 'walk ' + hex(r[2]));
      b.addEventListener('click', function () { sel.pid = r[1]; sel.va = r[2]; render(); });
      box.appendChild(b);
    }
    box.appendChild(el('pre', null, JSON.stringify(o)));
  }

  function attrsText(e) {
    if (!(e[7] & FL.valid)) return 'invalid';
    var t = [e[4]];
    if (e[4] === 'normal') t.push(e[5] === e[6] ? e[5] : 'inner ' + e[5] + ' outer ' + e[6]);
    if (e[7] & FL.shareable) t.push('shareable');
    if (e[7] & FL.coherent) t.push('coherent');
    if (e[7] & FL.guarded) t.push('guarded');
    if (e[7] & FL.le) t.push('little-endian');
    if (e[7] & FL.spec) t.push('speculative');
    if (e[7] & FL.xn) t.push('XN');
    if (e[7] & FL.global) t.push('global');
    t.push('user ' + e[2]);
    return t.join(' ');
  }
  function protText(p) { return (p & PROT_R ? 'r' : '-') + (p & PROT_W ? 'w' : '-') + (p & PROT_X ? 'x' : '-') + (p & PROT_NOCACHE ? ' nocache' : ''); }
  function flagsText(f) {
    var t = [];
    if (f & MAP_SHARED) t.push('shared');
    if (f & MAP_PRIVATE) t.push('private');
    if (f & MAP_FIXED) t.push('fixed');
    if (f & MAP_LAZY) t.push('lazy');
    if (f & MAP_PHYS) t.push('phys');
    if (f & MAP_ANON) t.push('anon');
    return t.join(' ');
  }
  var palette = ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f', '#393b79', '#637939', '#8c6d31', '#843c39', '#7b4173'];
  var ownerColour = new Map();
  function colourOf(name) {
    if (!ownerColour.has(name)) ownerColour.set(name, palette[ownerColour.size % palette.length]);
    return ownerColour.get(name);
  }

  function mapsOf(pid) { var p = st.procs.get(pid); return p ? p.maps : []; }
  function ptesOf(pid) { return st.ptes.get(pid) || new Map(); }

  function renderVas() {
    var tb = tbodyOf('maps'), bar = $('vasbar');
    tb.textContent = '';
    bar.textContent = '';
    var pid = sel.pid, maps = mapsOf(pid), ptes = ptesOf(pid);
    var p = st.procs.get(pid);
    var mapped = 0;
    maps.forEach(function (m, idx) {
      var pages = 0, attrs = new Map();
      for (var vp = m.start / 4096; vp < m.end / 4096; vp++) {
        var x = ptes.get(vp);
        if (x && entryValid(x.e)) { pages++; var t = attrsText(PT[x.e]); attrs.set(t, (attrs.get(t) || 0) + 1); }
      }
      mapped += pages;
      var at = [];
      attrs.forEach(function (n, t) { at.push(attrs.size > 1 ? n + ' x ' + t : t); });
      var tr = el('tr', { tabindex: '0', 'data-start': hex(m.start) });
      if ((sel.va !== null && sel.va >= m.start && sel.va < m.end) || sel.owner === m.obj) tr.className = 'sel';
      [hex(m.start), hex(m.end), kb(m.end - m.start), m.obj, protText(m.prot), flagsText(m.flags), pages + ' of ' + ((m.end - m.start) / 4096), at.join('; ') || (m.flags & MAP_LAZY ? 'none yet (lazy: pages come on first touch)' : 'no PTE')].forEach(function (c, k) {
        var td = el('td', k < 3 ? { 'class': 'mono' } : null, c);
        if (k === 3) { var sw = el('span', { 'class': 'swatch' }); sw.style.background = colourOf(m.obj); td.insertBefore(sw, td.firstChild); }
        tr.appendChild(td);
      });
      var pick = function () { sel.va = m.start; render(); };
      tr.addEventListener('click', pick);
      tr.addEventListener('keydown', function (ev) { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); pick(); } });
      tb.appendChild(tr);
      var sp = el('span', { title: m.obj + ' ' + hex(m.start) + '-' + hex(m.end) });
      sp.style.background = colourOf(m.obj);
      sp.style.flexGrow = String(Math.max(1, Math.log2((m.end - m.start) / 4096 + 1)));
      bar.appendChild(sp);
    });
    /* PTEs outside every recorded mapping (should not happen; shown if it does) */
    var stray = 0;
    ptes.forEach(function (x, vp) {
      if (!entryValid(x.e)) return;
      var va = vp * 4096, inside = false;
      for (var k = 0; k < maps.length && !inside; k++) inside = va >= maps[k].start && va < maps[k].end;
      if (!inside) stray++;
    });
    $('mapscap').textContent = pid === null ? 'No process yet.' :
      'Process ' + pid + (p && p.path ? ' (' + p.path + ')' : '') + (p && !p.alive ? ', ended' : '') + ': ' + maps.length + ' mappings, ' + mapped + ' pages with a valid PTE' +
      (stray ? ', and ' + stray + ' valid PTEs outside every mapping the trace recorded' : '') + '.';
    $('maps').setAttribute('data-count', String(maps.length));
    $('maps').setAttribute('data-pages', String(mapped));
    return { maps: maps.length, pages: mapped };
  }

  /* Name of the device window holding physical address pa, or null. */
  function deviceAt(pa) {
    var d = D.header.devices || [];
    for (var i = 0; i < d.length; i++) if (pa >= num(d[i].base) && pa < num(d[i].base) + num(d[i].size)) return d[i].name;
    return null;
  }
  /* Owner of every frame after this step. */
  function frameOwners() {
    var own = new Map();  /* frame -> owner name */
    st.procs.forEach(function (p, pid) {
      var ptes = st.ptes.get(pid);
      if (!ptes) return;
      var maps = p.maps;
      ptes.forEach(function (x, vp) {
        if (!entryValid(x.e)) return;
        var pa = PT[x.e][1], f = Math.floor(pa / 4096), va = vp * 4096, name = 'unrecorded mapping';
        for (var k = 0; k < maps.length; k++) if (va >= maps[k].start && va < maps[k].end) { name = maps[k].obj; break; }
        var dv = deviceAt(pa);
        if (dv) name = 'device ' + dv + ' registers';
        var prev = own.get(f);
        if (prev === undefined || prev === name) own.set(f, name);
        else if (prev.indexOf(name) < 0) own.set(f, prev + ' + ' + name);
      });
    });
    var ptname = D.cpu === 'ppc600' ? 'HTAB (hashed page table)' : 'page tables';
    st.ptframes.forEach(function (asid, f) {
      var p = st.procs.get(asid);
      if (D.cpu === 'ppc600' || (p && p.alive) || (st.ptcount.get(f) || 0) > 0) own.set(f, ptname);
    });
    return own;
  }

  function renderPhys() {
    var own = frameOwners();
    var ram = num(D.header.ram), nfr = Math.floor(ram / 4096);
    var maxf = 0;
    own.forEach(function (n, f) { if (f < nfr && f > maxf) maxf = f; });
    /* show the RAM up to the highest frame in use, rounded up, at least 256 frames */
    var show = Math.min(nfr, Math.max(256, Math.ceil((maxf + 1) / 256) * 256));
    /* one square per frame: smaller squares for a bigger range */
    var cell = show <= 8192 ? 8 : show <= 32768 ? 4 : 2, cols = 1024 / cell;
    var cv = $('physmap');
    var rows = Math.ceil(show / cols);
    cv.width = cols * cell; cv.height = rows * cell;
    var g = cv.getContext && cv.getContext('2d');
    var owners = new Map();
    own.forEach(function (n, f) {
      var o = owners.get(n);
      if (!o) { o = { frames: [], name: n }; owners.set(n, o); }
      o.frames.push(f);
    });
    var hl = new Set();
    if (sel.owner && owners.has(sel.owner)) owners.get(sel.owner).frames.forEach(function (f) { hl.add(f); });
    var segs = sel.owner && st.objs.get(sel.owner) && st.objs.get(sel.owner).segments;
    if (g) {
      g.fillStyle = '#f2f2f2'; g.fillRect(0, 0, cv.width, cv.height);
      own.forEach(function (n, f) {
        if (f >= show) return;
        g.fillStyle = n.indexOf('page tables') === 0 || n.indexOf('HTAB') === 0 ? '#000' : colourOf(n);
        g.fillRect((f % cols) * cell, Math.floor(f / cols) * cell, cell - 1, cell - 1);
      });
      g.strokeStyle = '#d00'; g.lineWidth = 2;
      hl.forEach(function (f) { if (f < show) g.strokeRect((f % cols) * cell + 1, Math.floor(f / cols) * cell + 1, cell - 3, cell - 3); });
      if (segs) segs.forEach(function (s) {
        var a = Math.floor(num(s.paddr) / 4096), n = Math.ceil(num(s.length) / 4096);
        for (var f = a; f < a + n && f < show; f++) { g.fillStyle = '#d00'; g.fillRect((f % cols) * cell + 2, Math.floor(f / cols) * cell + 2, cell - 5, cell - 5); }
      });
      if (sel.pa !== null) {
        var pf = Math.floor(sel.pa / 4096);
        if (pf < show) { g.strokeStyle = '#0645ad'; g.lineWidth = 3; g.strokeRect((pf % cols) * cell, Math.floor(pf / cols) * cell, cell, cell); }
      }
    }
    var tb = tbodyOf('owners');
    tb.textContent = '';
    var names = Array.from(owners.keys()).sort();
    var used = 0, userFrames = 0;
    own.forEach(function (n, f) { if (f < nfr && n.indexOf('page tables') !== 0 && n.indexOf('HTAB') !== 0) userFrames++; });
    $('owners').setAttribute('data-user-frames', String(userFrames));
    names.forEach(function (n) {
      var o = owners.get(n);
      o.frames.sort(function (a, b) { return a - b; });
      var runs = 0;
      for (var k = 0; k < o.frames.length; k++) if (k === 0 || o.frames[k] !== o.frames[k - 1] + 1) runs++;
      o.frames.forEach(function (f) { if (f < nfr) used++; });
      var ob = st.objs.get(n), segt = ob && ob.segments ? ob.segments.map(function (s) { return s.paddr + '+' + s.length; }).join(', ') : '';
      var tr = el('tr', { tabindex: '0', 'data-owner': n });
      if (sel.owner === n) tr.className = 'sel';
      var td = el('td', null, n);
      var sw = el('span', { 'class': 'swatch' });
      sw.style.background = n.indexOf('page tables') === 0 || n.indexOf('HTAB') === 0 ? '#000' : colourOf(n);
      td.insertBefore(sw, td.firstChild);
      tr.appendChild(td);
      tr.appendChild(el('td', null, o.frames.length));
      tr.appendChild(el('td', null, runs + (runs > 1 ? ' (scattered)' : o.frames.length > 1 ? ' (contiguous)' : '')));
      tr.appendChild(el('td', { 'class': 'mono' }, segt));
      var pick = function () { sel.owner = sel.owner === n ? null : n; render(); };
      tr.addEventListener('click', pick);
      tr.addEventListener('keydown', function (ev) { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); pick(); } });
      tb.appendChild(tr);
    });
    var tr2 = el('tr');
    var td2 = el('td', null, 'not mapped by any PTE in the trace (free, or kernel use the trace does not show)');
    var sw2 = el('span', { 'class': 'swatch' }); sw2.style.background = '#f2f2f2'; td2.insertBefore(sw2, td2.firstChild);
    tr2.appendChild(td2); tr2.appendChild(el('td', null, nfr - used)); tr2.appendChild(el('td')); tr2.appendChild(el('td'));
    tb.appendChild(tr2);
    $('ownerscap').textContent = used + ' of ' + nfr + ' RAM frames in use after step ' + cur + ' (the map shows frames 0-' + (show - 1) + '; device registers are outside RAM).';
    $('owners').setAttribute('data-frames', String(used));
    var fi = $('frameinfo');
    fi.textContent = '';
    if (sel.pa !== null) {
      var f = Math.floor(sel.pa / 4096), who = [];
      st.ptes.forEach(function (m, asid) { m.forEach(function (x, vp) { if (entryValid(x.e) && Math.floor(PT[x.e][1] / 4096) === f) who.push('asid ' + asid + ' va ' + hex(vp * 4096) + ' (' + PT[x.e][2] + ')'); }); });
      fi.appendChild(el('p', null, 'Frame ' + hex(f * 4096) + ': ' + (own.get(f) || 'not mapped') + (who.length ? '; mapped at ' + who.join(', ') : '') + '.'));
    }
    return used;
  }

  function fieldsTable(e) {
    var box = el('div');
    var fields = e[8];
    if (!fields) { box.appendChild(el('p', null, 'Fields of this entry are left out (more than ' + D.max_explained + ' distinct entries in the trace); its decode: ' + attrsText(e) + '.')); return box; }
    var word = null, tb = null;
    fields.forEach(function (f) {
      var w = S[f[0]];
      if (w !== word) {
        word = w;
        box.appendChild(el('p', { 'class': 'raw' }, w + ' = ' + hex(f[1])));
        var t = el('table');
        var hd = el('tr');
        ['field', 'bits', 'value', 'meaning'].forEach(function (h) { hd.appendChild(el('th', null, h)); });
        t.appendChild(el('thead')).appendChild(hd);
        tb = el('tbody');
        t.appendChild(tb);
        box.appendChild(t);
      }
      var tr = el('tr');
      tr.appendChild(el('td', null, S[f[2]]));
      tr.appendChild(el('td', { 'class': 'mono' }, S[f[3]]));
      tr.appendChild(el('td', { 'class': 'mono' }, f[4] > 9 ? f[4] + ' (' + '0x' + f[4].toString(16) + ')' : f[4]));
      tr.appendChild(el('td', null, S[f[5]]));
      tb.appendChild(tr);
    });
    return box;
  }

  /* The L1 descriptor over the L2 table at base (D.l1: the bits mmsim ORs
   * in and its fields, from pt_explain_l1), raw and field by field. */
  function l1Table(raw) {
    var box = el('div');
    box.appendChild(el('p', { 'class': 'raw' }, 'L1 descriptor = ' + hex(raw)));
    var t = el('table'), hd = el('tr');
    ['field', 'bits', 'value', 'meaning'].forEach(function (h) { hd.appendChild(el('th', null, h)); });
    t.appendChild(el('thead')).appendChild(hd);
    var tb = el('tbody');
    t.appendChild(tb);
    D.l1.fields.forEach(function (f) {
      var b = f[1].split(':'), hi = +b[0], lo = b.length > 1 ? +b[1] : hi;
      var v = hi - lo >= 31 ? raw : (raw >>> lo) & ((1 << (hi - lo + 1)) - 1);
      if (f[0] === 'base') v = (raw & ~0x3ff) >>> 0;
      var tr = el('tr');
      tr.appendChild(el('td', null, f[0]));
      tr.appendChild(el('td', { 'class': 'mono' }, f[1]));
      tr.appendChild(el('td', { 'class': 'mono' }, f[0] === 'base' ? hex(v) : (v > 9 ? v + ' (0x' + v.toString(16) + ')' : String(v))));
      tr.appendChild(el('td', null, f[2]));
      tb.appendChild(tr);
    });
    box.appendChild(t);
    return box;
  }

  function step(box, title, text) {
    var d = el('div', { 'class': 'walkstep' });
    d.appendChild(el('strong', null, title));
    if (text) d.appendChild(el('p', null, text));
    box.appendChild(d);
    return d;
  }

  function renderWalk() {
    var box = $('walk');
    box.textContent = '';
    box.removeAttribute('data-pte');
    box.removeAttribute('data-l1');
    if (sel.va === null || sel.pid === null) { box.appendChild(el('p', null, 'Enter a virtual address above, or select a mapping or a PTE record.')); return; }
    var va = sel.va >>> 0, vp = Math.floor(va / 4096);
    var x = ptesOf(sel.pid).get(vp);
    box.appendChild(el('p', null, 'Process ' + sel.pid + ', virtual address ' + hex(va) + ', after step ' + cur + ':'));
    if (!x) {
      box.appendChild(el('p', null, 'No entry for this page has been written by this step: a walk ends in a translation fault' +
        (mapsOf(sel.pid).some(function (m) { return va >= m.start && va < m.end; }) ? ' (the page is inside a mapping: the memory manager fills it on the first touch - lazy or demand paging).' : ' (no mapping covers it).')));
      box.setAttribute('data-pte', 'none');
      return;
    }
    var e = PT[x.e], pa = x.pa;
    box.setAttribute('data-pte', e[0]);
    box.setAttribute('data-pte-pa', hex(pa));
    if (D.cpu === 'armv5' || D.cpu === 'armv6' || D.cpu === 'armv7') {
      var l1 = D.l1 ? ((pa & ~0x3ff) | D.l1.bits) >>> 0 : null;
      var s1 = step(box, '1. L1 (first-level) table, index VA[31:20] = ' + hex(va >>> 20, 3),
        'The L1 descriptor (' + (D.cpu === 'armv5' ? 'coarse page table' : 'page table') + ' type) at TTBR + 4 x ' + (va >>> 20) +
        ' points at the L2 table at ' + hex(pa & ~0x3ff) + (l1 === null ? '.' : ': it is ' + hex(l1) +
        ', the table\'s base with the bits mmsim writes in every such descriptor (the trace records leaf entries, whose table gives the base).'));
      if (l1 !== null) {
        box.setAttribute('data-l1', hex(l1));
        s1.appendChild(l1Table(l1));
      }
      step(box, '2. L2 (coarse) table at ' + hex(pa & ~0x3ff) + ', index VA[19:12] = ' + hex((va >>> 12) & 0xff, 2),
        'The small-page descriptor is read at physical ' + hex(pa) + ' = ' + hex(pa & ~0x3ff) + ' + 4 x ' + ((va >>> 12) & 0xff) + '.');
    } else if (D.cpu === 'e500') {
      step(box, '1. The software page table (mmsim\'s documented two-level table)',
        'The leaf for this page is at physical ' + hex(pa) + '. On a TLB0 miss the refill handler loads it into a TLB0 entry (4-way, 128 sets): the MAS2 and MAS3 words below.');
    } else {
      var w0 = null;
      if (e[8]) e[8].forEach(function (f) { if (S[f[2]] === 'VSID' && w0 === null) w0 = f[4]; });
      var hbit = null;
      if (e[8]) e[8].forEach(function (f) { if (S[f[2]] === 'H' && hbit === null) hbit = f[4]; });
      var pidx = (va >>> 12) & 0xffff;
      var txt = 'Segment register ' + (va >>> 28) + ' gives the VSID' + (w0 !== null ? ' ' + hex(w0, 6) : '') + '. ';
      if (w0 !== null) {
        var h = ((w0 & 0x7ffff) ^ pidx) >>> 0;
        txt += 'Primary hash = VSID[18:0] xor page index (' + hex(pidx, 4) + ') = ' + hex(h, 5) + '; the secondary hash is its complement. ';
      }
      txt += 'The entry was found in the PTEG at ' + hex(pa & ~0x3f) + ', slot ' + ((pa >>> 3) & 7) + (hbit !== null ? (hbit ? ' (H=1: the secondary PTEG)' : ' (H=0: the primary PTEG)') : '') + '; word 0 holds V, VSID, H and API (VA[27:22]) that must match.';
      step(box, '1. Hashed page table (HTAB)', txt);
    }
    var last = step(box, (D.cpu === 'ppc600' ? '2' : D.cpu === 'e500' ? '2' : '3') + '. The entry: ' + e[0] + (entryValid(x.e) ? ' -> physical ' + hex(e[1] + (va & 0xfff)) : ' (not valid: the walk faults)'),
      'Written by step ' + x.at + '. Decoded: ' + attrsText(e) + '.');
    var b = el('button', { type: 'button' }, 'go to step ' + x.at);
    b.addEventListener('click', function () { show(x.at); });
    last.appendChild(b);
    box.appendChild(fieldsTable(e));
  }

  /* ---- checker reports: source, code, DMA, cache lines ----------------- */
  var DBG = D.debug || { elf: null, debug: false, note: null, code: [] };
  function locOf(r, key) { return r.src && typeof r.src[key] === 'number' ? DBG.code[r.src[key]] : null; }
  function whereText(l) {
    if (!l) return '';
    var f = l.file ? l.file.replace(/^.*\//, '') + ':' + l.line : '';
    return f && l.func ? f + ', in ' + l.func : f || l.func || '';
  }
  /* One listing: lines [label, text, reported?]; the reported one is marked
   * with an arrow and highlighted (not by colour alone). */
  function listing(cls, label, rows) {
    var pre = el('pre', { 'class': 'listing ' + cls, title: label });
    rows.forEach(function (x) {
      var t = (x[2] ? '\u25B6 ' : '  ') + x[0] + '  ' + x[1] + '\n';
      pre.appendChild(x[2] ? el('mark', { 'class': 'at' }, t) : document.createTextNode(t));
    });
    return pre;
  }
  /* The source line of an address with its neighbours, and its code. */
  function codeBlock(d, title, addr, l, insn) {
    var box = el('div', { 'class': 'code' });
    box.appendChild(el('h4', null, title + ' ' + addr + (l && whereText(l) ? ' (' + whereText(l) + ')' : '')));
    if (l && l.file && l.text.length) {
      var rows = l.text.map(function (t, k) { var n = l.first + k; return [String(n).padStart(5), t, n === l.line]; });
      box.appendChild(listing('src', 'source of ' + l.file + ' around line ' + l.line, rows));
      box.appendChild(el('p', { 'class': 'file' }, l.file + ', line ' + l.line));
    } else if (l && l.file) {
      box.appendChild(el('p', null, l.file + ':' + l.line + (l.note ? ' - ' + l.note : '')));
    } else if (l && l.note) {
      box.appendChild(el('p', null, 'Source: ' + l.note + '.'));
    }
    if (l && l.dis.length) {
      box.appendChild(listing('dis', 'disassembly around ' + addr, l.dis.map(function (x, k) { return [x[0], x[1], k === l.at]; })));
    } else if (insn) {
      box.appendChild(listing('dis', 'the instruction at ' + addr, [[addr, insn, true]]));
    }
    d.appendChild(box);
  }
  function cacheGeom() {
    var c = D.header.cache;
    return c && c.line && c.ways && c.size ? { line: c.line, sets: c.size / (c.ways * c.line) } : null;
  }
  /* The cache line holding physical address pa, and its set. */
  function lineText(pa, g) {
    var a = Math.floor(pa / g.line) * g.line;
    return 'line ' + hex(a) + '-' + hex(a + g.line - 1) + ' (set ' + (Math.floor(pa / g.line) % g.sets) + ' of ' + g.sets + ')';
  }
  /* The lines a buffer [a, a+n) covers, and the ones it shares with other data. */
  function spanText(what, a, n, g) {
    if (!n) return what + ': empty';
    var f = Math.floor(a / g.line), l = Math.floor((a + n - 1) / g.line);
    var t = what + ' ' + hex(a) + '-' + hex(a + n - 1) + ': ' + (l - f + 1) + ' cache line' + (l > f ? 's' : '') + ' of ' + g.line + ' B, ' + hex(f * g.line) + ' to ' + hex(l * g.line + g.line - 1);
    var part = [];
    if (a % g.line) part.push('its first line ' + hex(f * g.line) + ' also holds ' + (a % g.line) + ' bytes before it');
    if ((a + n) % g.line) part.push('its last line ' + hex(l * g.line) + ' also holds ' + (g.line - (a + n) % g.line) + ' bytes after it');
    return t + (part.length ? '; ' + part.join(', ') + ' (a write-back or fill of such a line touches the buffer and its neighbour)' : '; it starts and ends on line boundaries');
  }
  function dmaText(x) {
    var c = num(x.ctrl), fill = (c & 2) !== 0;
    return 'DMA #' + x.id + (fill ? ' fill of ' : ' copy ' + x.src + ' -> ') + x.dst + ', ' + num(x.len) + ' bytes, ctrl ' + x.ctrl +
      ' (' + (fill ? 'fill' : 'copy') + ', ' + (c & 4 ? 'snooping: the cache is kept coherent' : 'not snooping: the cache is not consulted or updated') + '), started at pc ' + x.start_pc;
  }
  function renderReport(i, prog) {
    var r = EV[i], d = el('div', { 'class': 'report', 'data-step': i });
    var h = d.appendChild(el('h3', null, (r.ev === 'check' ? 'check: ' + r['class'] : 'fault: ' + r.signal + ', ' + r.kind) + ' (step ' + i + ', pid ' + r.pid + ')'));
    h.appendChild(el('span', { 'class': 'when' }));
    var lines = [];
    if (r.va) lines.push('virtual ' + r.va + (r.pa ? ', physical ' + r.pa : '') + (r.access ? ', ' + r.access : ''));
    else if (r.pa) lines.push('physical ' + r.pa);
    if (r.attrs) lines.push('page attributes: ' + r.attrs);
    if (r.pte_decoded) lines.push('PTE: ' + r.pte_decoded);
    if (r.why) lines.push('why: ' + r.why);
    lines.forEach(function (l) { d.appendChild(el('p', null, l)); });
    var lpc = locOf(r, 'pc'), lcall = locOf(r, 'caller');
    if (r.caller) codeBlock(d, 'The program called the kernel at', r.caller, lcall, null);
    codeBlock(d, r.caller ? 'inside the call, pc' : 'At pc', r.pc, lpc, r.insn);
    if (!r.src && DBG.elf) d.appendChild(el('p', null, 'Source lines: process ' + r.pid + ' runs ' + (prog || 'another program') + ', not ' + DBG.elf + '.'));
    var g = cacheGeom();
    if (r.dma) {
      d.appendChild(el('p', null, dmaText(r.dma)));
      codeBlock(d, 'The transfer was started at', r.dma.start_pc, locOf(r, 'dma'), null);
    }
    if (g && (r.pa || r.dma)) {
      var ul = el('ul', { 'class': 'lines' });
      if (r.pa) ul.appendChild(el('li', null, 'physical ' + r.pa + ' is in cache ' + lineText(num(r.pa), g)));
      if (r.dma) {
        if (!(num(r.dma.ctrl) & 2)) ul.appendChild(el('li', null, spanText('source', num(r.dma.src), num(r.dma.len), g)));
        ul.appendChild(el('li', null, spanText('destination', num(r.dma.dst), num(r.dma.len), g)));
      }
      var hd = el('p', null, 'Cache lines involved (' + D.header.cache.size / 1024 + ' KiB, ' + D.header.cache.ways + '-way, ' + g.line + ' B lines, physically indexed):');
      d.appendChild(hd);
      d.appendChild(ul);
    }
    if (r.fix) { var p = el('p', { 'class': 'fix' }); p.appendChild(el('strong', null, 'Fix: ')); p.appendChild(document.createTextNode(r.fix)); d.appendChild(p); }
    var b = el('button', { type: 'button' }, 'go to step ' + i);
    b.addEventListener('click', function () { if (r.va) { sel.va = num(r.va); } sel.pid = r.pid; show(i); });
    d.appendChild(b);
    return d;
  }

  function renderReports() {
    var box = $('reports');
    box.textContent = '';
    var all = [];
    for (var i = 0; i < N; i++) { var r = EV[i]; if (!Array.isArray(r) && (r.ev === 'check' || r.ev === 'fault')) all.push(i); }
    box.setAttribute('data-count', String(all.length));
    if (!all.length) { box.appendChild(el('p', null, 'No checker report and no fault in this run.')); return; }
    box.appendChild(el('p', null, all.length + ' in the run, ' + st.reports.length + ' by this step.'));
    box.appendChild(el('p', { id: 'debuginfo' }, DBG.elf && DBG.debug ? 'Source lines and code from ' + DBG.elf + ' (its -g debug info).' :
      DBG.note ? 'Source lines: ' + DBG.note + '.' : 'Source lines: none.'));
    /* the program each process runs (spawn, fork, exec), at each report */
    var prog = new Map(), k = 0;
    for (var j = 0; j < N && k < all.length; j++) {
      var e = EV[j];
      if (Array.isArray(e)) continue;
      if (e.ev === 'spawn') prog.set(e.pid, e.path);
      else if (e.ev === 'fork') prog.set(e.child, prog.get(e.pid));
      else if (e.ev === 'exec' && e.what) prog.set(e.pid, e.what);
      if (j === all[k]) box.appendChild(renderReport(all[k++], prog.get(e.pid)));
    }
  }

  function renderFlavours() {
    if (!D.flavours) return;
    $('flavours-sec').hidden = false;
    var box = $('flavours');
    box.appendChild(el('p', null, 'The demo ran again on each flavour; these are the PTEs that map its shared object, as each MMU format writes them (from the demo\'s own capture).'));
    var t = el('table'), hd = el('tr');
    hd.appendChild(el('th', null, 'page'));
    D.flavours.forEach(function (f) { hd.appendChild(el('th', null, f.cpu)); });
    t.appendChild(el('thead')).appendChild(hd);
    var tb = el('tbody'), n = 0;
    D.flavours.forEach(function (f) { n = Math.max(n, f.ptes.length); });
    for (var i = 0; i < n; i++) {
      var tr = el('tr');
      tr.appendChild(el('td', null, i));
      D.flavours.forEach(function (f) { var c = f.ptes[i]; tr.appendChild(el('td', { 'class': 'mono', title: c ? c[1] : '' }, c ? c[0] : '-')); });
      tb.appendChild(tr);
    }
    t.appendChild(tb);
    box.appendChild(t);
    var ul = el('ul');
    D.flavours.forEach(function (f) { ul.appendChild(el('li', null, f.cpu + ': ' + (f.ok && f.ptes.length ? f.ptes[0][1] : 'did not run'))); });
    box.appendChild(el('p', null, 'Page 0 decoded:'));
    box.appendChild(ul);
  }

  var pidFilter;
  function renderControls() {
    $('stepin').max = String(N - 1);
    $('stepin').value = String(cur);
    $('steplabel').textContent = 'of ' + (N - 1);
    var ps = $('pidsel'), pids = pidsSoFar();
    ps.textContent = '';
    pids.forEach(function (pid) {
      var p = st.procs.get(pid);
      var o = el('option', { value: pid }, pid + (p.path ? ' ' + p.path : '') + (p.alive ? '' : ' (ended)'));
      if (pid === sel.pid) { o.selected = true; o.setAttribute('selected', ''); }
      ps.appendChild(o);
    });
    $('vain').value = sel.va !== null ? hex(sel.va) : '';
    $('pain').value = sel.pa !== null ? hex(sel.pa) : '';
    var h = '#step=' + cur + (sel.pid !== null ? '&pid=' + sel.pid : '') + (sel.va !== null ? '&va=' + hex(sel.va) : '') + (sel.pa !== null ? '&pa=' + hex(sel.pa) : '');
    $('permalink').href = h;
    return h;
  }

  var rendering = false;
  function render() {
    rendering = true;
    if (sel.pid === null || !st.procs.has(sel.pid)) {
      var r = EV[cur], pid = evPid(r);
      if (pid !== null && st.procs.has(pid)) sel.pid = pid;
      else { var ps = pidsSoFar(); sel.pid = ps.length ? ps[0] : null; }
    }
    var h = renderControls();
    renderTimeline();
    renderEvent();
    var v = renderVas();
    var used = renderPhys();
    renderWalk();
    renderReportsCount();
    var s = $('status');
    s.setAttribute('data-step', String(cur));
    s.setAttribute('data-events', String(N));
    s.setAttribute('data-total', String(D.total));
    s.setAttribute('data-pid', String(sel.pid));
    s.setAttribute('data-mappings', String(v.maps));
    s.setAttribute('data-pages', String(v.pages));
    s.setAttribute('data-frames', String(used));
    s.setAttribute('data-user-frames', $('owners').getAttribute('data-user-frames'));
    s.setAttribute('data-reports', $('reports').getAttribute('data-count'));
    s.setAttribute('data-walk-pte', $('walk').getAttribute('data-pte') || '');
    s.setAttribute('data-walk-l1', $('walk').getAttribute('data-l1') || '');
    s.textContent = 'step ' + cur + ' pid ' + sel.pid + ' mappings ' + v.maps + ' frames ' + used;
    /* some browsers refuse history changes on file: pages; the link still works */
    if (location.hash !== h && history.replaceState) { try { history.replaceState(null, '', h); } catch (e) { /* keep the old hash */ } }
    rendering = false;
  }
  function renderReportsCount() {
    var box = $('reports');
    var p = box.firstChild && box.firstChild.nextSibling ? box.querySelector('p') : null;
    if (p && box.getAttribute('data-count') !== '0') p.textContent = box.getAttribute('data-count') + ' in the run, ' + st.reports.length + ' by this step.';
    Array.prototype.forEach.call(box.querySelectorAll('.report'), function (d) {
      /* a report after this step: said in words and by a dashed border (not by
       * fading it: its text keeps its contrast) */
      var later = Number(d.getAttribute('data-step')) > cur;
      d.classList.toggle('later', later);
      d.querySelector('.when').textContent = later ? ' - later than this step' : '';
    });
  }

  function show(n) { goTo(n); render(); }

  /* ---- input ----------------------------------------------------------- */
  function parseAddr(s) {
    s = String(s).trim();
    if (!s) return null;
    var v = /^0x[0-9a-f]+$/i.test(s) ? parseInt(s, 16) : /^[0-9]+$/.test(s) ? parseInt(s, 10) : NaN;
    return isNaN(v) || v < 0 || v > 0xffffffff ? null : v;
  }
  /* The state a link (#step=N&pid=P&va=...&pa=...) names; a hash with
   * none of those keys (the skip link's #timeline) changes nothing. */
  function isLink(hash) { return /^#?(.*&)?(step|va|pa|pid)=/.test(hash); }
  function fromHash() {
    var h = location.hash.replace(/^#/, ''), step = null;
    if (!isLink(h)) return;
    h.split('&').forEach(function (kv) {
      var i = kv.indexOf('=');
      if (i < 0) return;
      var k = kv.slice(0, i), v = decodeURIComponent(kv.slice(i + 1));
      if (k === 'step') { var n = parseInt(v, 10); if (!isNaN(n)) step = n; }
      else if (k === 'va') sel.va = parseAddr(v);
      else if (k === 'pa') sel.pa = parseAddr(v);
      else if (k === 'pid') { var p = parseInt(v, 10); if (!isNaN(p)) sel.pid = p; }
    });
    if (step === null) {
      /* #va / #pa alone: the last step, where the run's state is complete */
      step = N - 1;
    }
    goTo(step);
    if (sel.pid !== null && !st.procs.has(sel.pid)) sel.pid = null;
    render();
  }

  function buildFilters() {
    var fs = $('filters');
    kinds.forEach(function (k) {
      var id = 'f-' + k;
      var lab = el('label', { 'for': id });
      var cb = el('input', { type: 'checkbox', id: id });
      cb.checked = true;
      cb.addEventListener('change', function () { shown[k] = cb.checked; refilter(); render(); });
      lab.appendChild(cb);
      lab.appendChild(document.createTextNode(' ' + k + ' (' + D.counts[k] + ')'));
      fs.appendChild(lab);
    });
    var lab2 = el('label', { 'for': 'f-pid' });
    pidFilter = el('input', { type: 'checkbox', id: 'f-pid' });
    pidFilter.addEventListener('change', function () { refilter(); render(); });
    lab2.appendChild(pidFilter);
    lab2.appendChild(document.createTextNode(' only the selected process'));
    fs.appendChild(lab2);
  }
  /* Next/previous record the filter shows. */
  function stepBy(d) {
    var at = lowerBound(filtered, cur);
    if (d > 0) { var j = filtered[at] === cur ? at + 1 : at; if (j < filtered.length) show(filtered[j]); }
    else if (at > 0) show(filtered[at - 1]);
  }

  function init() {
    var h = D.header;
    $('machine').textContent = 'Trace ' + D.source + ' (format ' + h.format + ', mmsim ' + h.mmsim + '): --cpu ' + D.cpu + ', RAM ' + kb(num(h.ram)) +
      (h.frag ? ', fragmented (--phys-frag ' + h.frag_seed + ')' : '') + (h.unprivileged ? ', unprivileged' : '') + ', cache ' + (h.cache ? kb(h.cache.size) + ' ' + h.cache.ways + '-way ' + h.cache.line + ' B lines' : '?') +
      ', checker ' + h.check + '/' + h.cache_model + '. ' + D.total + ' records.' + (D.command ? ' Made by: ' + D.command : '');
    var left = Object.keys(D.left_out);
    if (left.length) {
      var lo = $('leftout');
      lo.hidden = false;
      var parts = left.map(function (k) { return D.left_out[k] + ' ' + k; });
      lo.textContent = 'This trace has ' + D.total + ' records; this page holds the first ' + D.kept + ' (steps 0-' + (D.kept - 1) + ') and shows the state up to there. Left out: ' +
        (D.total - D.kept) + ' records (' + parts.join(', ') + '). To see them: make the report again with a larger --max-events (mmsim report ' + D.source + ' --max-events ' + D.total +
        ' -o ...), or list them with mmsim trace show ' + D.source + ' --filter KIND.';
    }
    buildFilters();
    refilter();
    renderReports();
    renderFlavours();
    $('first').addEventListener('click', function () { show(0); });
    $('last').addEventListener('click', function () { show(N - 1); });
    $('prev').addEventListener('click', function () { stepBy(-1); });
    $('next').addEventListener('click', function () { stepBy(1); });
    $('stepin').addEventListener('change', function () { var n = parseInt($('stepin').value, 10); if (!isNaN(n)) show(n); });
    $('pidsel').addEventListener('change', function () { sel.pid = parseInt($('pidsel').value, 10); refilter(); render(); });
    $('vain').addEventListener('change', function () { sel.va = parseAddr($('vain').value); render(); });
    $('pain').addEventListener('change', function () { sel.pa = parseAddr($('pain').value); render(); });
    $('timeline').addEventListener('click', function (ev) {
      var li = ev.target.closest ? ev.target.closest('li[data-step]') : null;
      if (li) show(parseInt(li.getAttribute('data-step'), 10));
    });
    document.addEventListener('keydown', function (ev) {
      var t = ev.target && ev.target.tagName;
      if (t === 'INPUT' || t === 'SELECT' || t === 'TEXTAREA') return;
      if (ev.key === 'ArrowRight' || ev.key === 'ArrowDown' && ev.target.id === 'timeline') { ev.preventDefault(); stepBy(1); }
      else if (ev.key === 'ArrowLeft' || ev.key === 'ArrowUp' && ev.target.id === 'timeline') { ev.preventDefault(); stepBy(-1); }
      else if (ev.key === 'Home') { ev.preventDefault(); show(0); }
      else if (ev.key === 'End') { ev.preventDefault(); show(N - 1); }
    });
    window.addEventListener('hashchange', function () { if (!rendering && location.hash !== $('permalink').getAttribute('href')) fromHash(); });
    /* the skip link moves the focus, not the step (the address bar keeps the step's link) */
    document.querySelector('.skip').addEventListener('click', function (ev) { ev.preventDefault(); $('timeline').focus(); });
    if (isLink(location.hash)) fromHash(); else show(0);
    document.body.setAttribute('data-ready', '1');
    /* for bench/report.sh: milliseconds from navigation to an interactive page */
    if (window.performance && performance.now) document.body.setAttribute('data-ready-ms', String(Math.round(performance.now())));
  }
  init();
})();
