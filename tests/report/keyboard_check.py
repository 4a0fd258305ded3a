#!/usr/bin/env python3
"""keyboard_check.py - the report page used without a mouse, in real
headless Chromium driven through the DevTools protocol (docs/REPORT.md).

    keyboard_check.py CHROMIUM PAGE.html WORKDIR

Starts `chromium --headless --remote-debugging-port=0`, opens the page and
sends real key presses (Input.dispatchKeyEvent), then asks the page
(Runtime.evaluate) what happened:

  - Tab from the top focuses the skip link, which is then on screen;
    Enter on it puts the focus on the timeline and leaves the step alone;
  - every element Tab reaches shows a focus outline (:focus-visible, an
    outline of at least 2px) and is on screen; Tab reaches the timeline, the
    step buttons and a checker report's "go to step" button;
  - on the timeline, Right/Left (and Down/Up) step forward/back, End goes
    to the last record, Home to the first; the current record is marked
    (aria-current) and the address bar holds its link; the focus stays on
    the timeline;
  - Enter on the "forward" button steps, a step number typed in the step
    box and Enter goes there, Enter on a report's "go to step" button goes
    to the report's step;
  - every text on the page, at several steps, has a contrast of at least
    4.5:1 (WCAG AA; 3:1 for large text) with the colour behind it, opacity
    included;
  - no script error: none reported by the protocol, #errors empty.

Exit 0 if all hold, 1 with the list of what failed.  Uses Debian's
python3-websocket (websocket-client) for the protocol's WebSocket.
"""
import json
import os
import re
import subprocess
import sys
import time
import urllib.request

import websocket

KEYS = {  # key -> (code, windowsVirtualKeyCode)
    'Tab': ('Tab', 9), 'Enter': ('Enter', 13), 'ArrowRight': ('ArrowRight', 39),
    'ArrowLeft': ('ArrowLeft', 37), 'Home': ('Home', 36), 'End': ('End', 35),
    'ArrowDown': ('ArrowDown', 40), 'ArrowUp': ('ArrowUp', 38),
}

# In-page: the focused element, as the checks need it.
FOCUS_JS = r"""(function () {
  var e = document.activeElement, cs = getComputedStyle(e), r = e.getBoundingClientRect();
  return { tag: e.tagName, id: e.id, cls: e.className || '', text: (e.textContent || '').slice(0, 40),
           visible: e.matches(':focus-visible'), outline: cs.outlineStyle, width: parseFloat(cs.outlineWidth) || 0,
           on_screen: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 &&
                      r.left < innerWidth && r.top < innerHeight,
           step: document.getElementById('status').getAttribute('data-step'), hash: location.hash,
           report: e.closest ? (e.closest('.report') ? e.closest('.report').getAttribute('data-step') : null) : null };
})()"""

# In-page: every element with its own text whose contrast with what is
# behind it (backgrounds composited up the tree, opacity applied) is below
# WCAG AA.  Returns a list of strings.
CONTRAST_JS = r"""(function () {
  function rgba(s) {
    var m = s.match(/rgba?\(([^)]*)\)/);
    if (!m) return [0, 0, 0, 0];
    var p = m[1].split(/[ ,\/]+/).filter(function (x) { return x; }).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  }
  function over(top, bot) {   /* top composited over an opaque bot */
    var a = top[3];
    return [top[0] * a + bot[0] * (1 - a), top[1] * a + bot[1] * (1 - a), top[2] * a + bot[2] * (1 - a), 1];
  }
  function lum(c) {
    var v = c.slice(0, 3).map(function (x) { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
  }
  function ratio(a, b) { var x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); }
  /* the opaque colour behind e: its and its ancestors' backgrounds, page white at the bottom */
  function behind(e) {
    var chain = [];
    for (var n = e; n && n.nodeType === 1; n = n.parentElement) chain.push(n);
    var c = [255, 255, 255, 1];
    for (var i = chain.length - 1; i >= 0; i--) c = over(rgba(getComputedStyle(chain[i]).backgroundColor), c);
    return c;
  }
  function opacity(e) { var o = 1; for (var n = e; n && n.nodeType === 1; n = n.parentElement) o *= Number(getComputedStyle(n).opacity); return o; }
  var bad = [], seen = 0;
  document.querySelectorAll('body *').forEach(function (e) {
    var own = false;
    e.childNodes.forEach(function (t) { if (t.nodeType === 3 && t.data.trim()) own = true; });
    if (!own || e.closest('[hidden], script, style, canvas')) return;
    var r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return;
    var cs = getComputedStyle(e);
    if (cs.visibility === 'hidden' || cs.display === 'none') return;
    seen++;
    var bg = behind(e), fg = rgba(cs.color);
    fg = over([fg[0], fg[1], fg[2], fg[3] * opacity(e)], bg);
    var size = parseFloat(cs.fontSize), bold = Number(cs.fontWeight) >= 700;
    var need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    var q = ratio(fg, bg);
    if (q < need) bad.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).replace(/ /g, '.') : '') +
                           ' "' + e.textContent.trim().slice(0, 30) + '": ' + q.toFixed(2) + ':1 < ' + need + ':1 (' + cs.color + ' on rgb(' + bg.slice(0, 3).map(Math.round).join(',') + '), opacity ' + opacity(e).toFixed(2) + ')');
  });
  return { seen: seen, bad: bad };
})()"""


class Browser:
    """One headless Chromium and a DevTools connection to its page."""

    def __init__(self, chromium, workdir):
        profile = os.path.join(workdir, 'keyboard-profile')
        os.makedirs(profile, exist_ok=True)
        self.proc = subprocess.Popen(
            [chromium, '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
             '--disable-extensions', '--remote-debugging-port=0', '--user-data-dir=' + profile,
             '--window-size=1400,1000', 'about:blank'],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        url = None
        deadline = time.time() + 60
        while time.time() < deadline and url is None:
            line = self.proc.stderr.readline()
            if not line:
                break
            m = re.search(r'DevTools listening on (ws://\S+)', line)
            if m:
                url = m.group(1)
        if url is None:
            self.close()
            raise RuntimeError('chromium did not start its DevTools server')
        port = re.match(r'ws://[^:]+:(\d+)/', url).group(1)
        with urllib.request.urlopen('http://127.0.0.1:%s/json/list' % port, timeout=30) as f:
            pages = [t for t in json.load(f) if t.get('type') == 'page']
        self.ws = websocket.create_connection(pages[0]['webSocketDebuggerUrl'], timeout=60,
                                              suppress_origin=True)
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({'id': self.next_id, 'method': method, 'params': params}))
        while True:
            m = json.loads(self.ws.recv())
            if m.get('id') == self.next_id:
                if 'error' in m:
                    raise RuntimeError('%s: %s' % (method, m['error']))
                return m.get('result', {})
            self.events.append(m)

    def eval(self, expr):
        r = self.call('Runtime.evaluate', expression=expr, returnByValue=True)
        if 'exceptionDetails' in r:
            raise RuntimeError('evaluating %s: %s' % (expr[:60], r['exceptionDetails']))
        return r['result'].get('value')

    def key(self, key, shift=False):
        code, vk = KEYS[key]
        mods = 8 if shift else 0
        down = {'type': 'rawKeyDown', 'key': key, 'code': code, 'windowsVirtualKeyCode': vk,
                'nativeVirtualKeyCode': vk, 'modifiers': mods}
        if key == 'Enter':
            down.update(type='keyDown', text='\r', unmodifiedText='\r')
        self.call('Input.dispatchKeyEvent', **down)
        self.call('Input.dispatchKeyEvent', type='keyUp', key=key, code=code,
                  windowsVirtualKeyCode=vk, nativeVirtualKeyCode=vk, modifiers=mods)

    def errors(self):
        return [e for e in self.events if e.get('method') == 'Runtime.exceptionThrown']

    def close(self):
        try:
            self.ws.close()
        except Exception:
            pass
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def run(chromium, page, workdir):
    failed = []

    def check(ok, what):
        if not ok:
            failed.append(what)
        return ok

    stops, reached = [], {}
    b = Browser(chromium, workdir)
    try:
        b.call('Runtime.enable')
        b.call('Page.enable')

        def restart():
            """The page loaded afresh at step 0: nothing focused, Tab starts at the top."""
            b.call('Page.navigate', url='about:blank')
            b.call('Page.navigate', url='file://' + os.path.abspath(page) + '#step=0')
            for _ in range(600):
                if b.eval("document.body && document.body.getAttribute('data-ready')") == '1':
                    return
                time.sleep(0.05)
            raise RuntimeError('the page never became ready')

        def settle():
            """Let a hashchange or other queued event run."""
            time.sleep(0.3)
            b.eval('0')

        restart()
        n = int(b.eval("document.getElementById('status').getAttribute('data-events')"))
        step = lambda: int(b.eval("document.getElementById('status').getAttribute('data-step')"))

        # Tab from the top: the skip link, visible; Enter: the timeline, same step
        b.key('Tab')
        f = b.eval(FOCUS_JS)
        if check(f['cls'] == 'skip', 'the first Tab focuses %s, not the skip link' % f):
            check(f['on_screen'] and f['visible'] and f['outline'] != 'none',
                  'the focused skip link is not visible with a focus outline: %s' % f)
        b.key('Enter')
        settle()
        f = b.eval(FOCUS_JS)
        check(f['id'] == 'timeline', 'Enter on the skip link focuses %s %s, not the timeline' % (f['tag'], f['id']))
        check(f['step'] == '0', 'the skip link changed the step to %s (hash %s)' % (f['step'], f['hash']))

        # Tab through the page from the top: every stop visible and outlined
        restart()
        for _ in range(400):
            b.key('Tab')
            f = b.eval(FOCUS_JS)
            if f['tag'] == 'BODY':
                break
            name = f['tag'] + ('#' + f['id'] if f['id'] else '') + (' ' + f['text'] if f['tag'] == 'BUTTON' else '')
            stops.append(name)
            check(f['visible'] and f['outline'] != 'none' and f['width'] >= 2,
                  'Tab stop %d (%s) shows no focus outline: %s' % (len(stops), name, f))
            check(f['on_screen'], 'Tab stop %d (%s) is not on screen' % (len(stops), name))
            if f['id'] in ('timeline', 'next', 'stepin') and f['id'] not in reached:
                reached[f['id']] = len(stops)
            if f['report'] is not None and 'report' not in reached:
                reached['report'] = len(stops)
                reached['report_step'] = f['report']
            if len(stops) > 1 and name == stops[0]:
                break
        for want in ('timeline', 'next', 'stepin', 'report'):
            check(want in reached, 'Tab never reaches the %s (stops: %s)' % (want, ', '.join(stops)))

        # Step with the keyboard on the timeline
        if 'timeline' in reached:
            restart()
            for _ in range(reached['timeline']):
                b.key('Tab')
            check(b.eval(FOCUS_JS)['id'] == 'timeline', 'the same Tab count no longer reaches the timeline')
            for key, want in (('ArrowRight', 1), ('ArrowRight', 2), ('ArrowRight', 3), ('ArrowLeft', 2),
                              ('End', n - 1), ('Home', 0), ('ArrowLeft', 0), ('ArrowRight', 1),
                              ('ArrowDown', 2), ('ArrowUp', 1)):
                b.key(key)
                settle()
                f = b.eval(FOCUS_JS)
                check(int(f['step']) == want, '%s on the timeline: step %s, expected %d' % (key, f['step'], want))
                check(f['hash'].startswith('#step=%d' % want), 'after %s the link is %s, not #step=%d' % (key, f['hash'], want))
                check(f['id'] == 'timeline', 'after %s the focus moved to %s %s' % (key, f['tag'], f['id']))
                cur = b.eval("(function(){var c=document.querySelector('#timeline li[aria-current=step]');"
                             "return c ? Number(c.getAttribute('data-step')) : null})()")
                check(cur == want, 'after %s the timeline marks step %s as current, expected %d' % (key, cur, want))

        # Buttons work with Enter
        if 'next' in reached:
            restart()
            for _ in range(reached['next']):
                b.key('Tab')
            before = step()
            b.key('Enter')
            settle()
            check(step() == before + 1, 'Enter on "forward" went from step %d to %d' % (before, step()))
        if 'stepin' in reached:
            # type a step number and press Enter
            restart()
            for _ in range(reached['stepin']):
                b.key('Tab')
            b.eval("document.activeElement.select && document.activeElement.select()")
            b.call('Input.insertText', text='5')
            b.key('Enter')
            settle()
            check(step() == 5, 'typing 5 and Enter in the step box shows step %d' % step())
        if 'report' in reached:
            restart()
            for _ in range(reached['report']):
                b.key('Tab')
            f = b.eval(FOCUS_JS)
            if check(f['tag'] == 'BUTTON' and f['report'] is not None,
                     'the report\'s Tab stop is %s, not its "go to step" button' % f):
                b.key('Enter')
                settle()
                check(str(step()) == f['report'], 'Enter on a report\'s "go to step" shows step %d, not %s' % (step(), f['report']))

        # Contrast, at the first step, a report's step and the last
        for at in sorted({0, int(reached.get('report_step', 0)), n - 1}):
            b.eval("location.hash = '#step=%d'" % at)
            settle()
            c = b.eval(CONTRAST_JS)
            check(c['seen'] > 20, 'the contrast check found only %d texts at step %d' % (c['seen'], at))
            for x in c['bad']:
                failed.append('contrast at step %d: %s' % (at, x))

        for e in b.errors():
            failed.append('script error: %s' % json.dumps(e['params']['exceptionDetails'])[:400])
        errs = b.eval("document.getElementById('errors').textContent")
        check(not errs, '#errors holds: %s' % errs)
    finally:
        b.close()
    return failed, len(stops)


def main():
    if len(sys.argv) != 4:
        print(__doc__.split('\n\n')[1], file=sys.stderr)
        return 2
    failed, nstops = run(*sys.argv[1:])
    if failed:
        print('keyboard_check %s:\n  - %s' % (sys.argv[2], '\n  - '.join(failed)))
        return 1
    print('keyboard_check %s: %d Tab stops, stepping, buttons, contrast: ok' % (sys.argv[2], nstops))
    return 0


if __name__ == '__main__':
    sys.exit(main())
