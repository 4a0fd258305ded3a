#!/usr/bin/env python3
"""validate_check.py - the report's HTML is valid (docs/REPORT.md).

    validate_check.py TIDY CHROMIUM WORKDIR PAGE.html TRACE.jsonl [PAGE TRACE ...]

For each page:
  - the file as mmsim wrote it: HTML Tidy (tidy-html5, HTML5-aware) reports
    no error and no warning, and html5lib's parser in strict mode (the
    WHATWG parsing algorithm, every parse error fatal) parses it;
  - the page as its scripts built it (headless Chromium --dump-dom, at the
    step of the trace's last PTE write, with that page selected, so the
    mappings, frames, walk and report boxes are all rendered): html5lib in
    strict mode parses it, ids are unique, and Tidy reports no error and no
    warning other than two of tidy 5.6's own: it does not know ARIA 1.1's
    aria-current (valid: WAI-ARIA 1.1, HTML's "ARIA in HTML") and it calls
    an empty <span> (the colour swatches: valid HTML) "trimmed".

Exit 0 if every page passes, 1 with every message otherwise.
"""
import json
import os
import re
import subprocess
import sys

import html5lib

# tidy 5.6's opinions on the rendered DOM that are not HTML errors (see above)
DOM_TIDY_ALLOWED = [
    re.compile(r'Warning: <li> proprietary attribute "aria-current"$'),
    re.compile(r'Warning: trimming empty <span>$'),
]


def tidy(tidy_bin, path):
    """Tidy's messages (errors and warnings) for the file at path."""
    p = subprocess.run([tidy_bin, '-q', '-e', '--show-warnings', 'yes', '--show-info', 'no',
                        '-utf8', path], capture_output=True, text=True)
    msgs = [l for l in p.stderr.splitlines() if l.strip()]
    if p.returncode not in (0, 1, 2):
        msgs.append('tidy exited %d' % p.returncode)
    return msgs


def strict_parse(data):
    """html5lib parse errors of data (bytes) in strict mode, as strings; and the tree."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        tree = parser.parse(data)
        return [], tree
    except html5lib.html5parser.ParseError as e:
        where = parser.errors[-1][0] if parser.errors else ('?', '?')
        return ['html5lib (strict): line %s col %s: %s' % (where[0], where[1], e)], None


def dup_ids(tree):
    seen, dups = set(), []
    for e in tree.iter():
        i = e.get('id') if hasattr(e, 'get') else None
        if i is None:
            continue
        if i in seen:
            dups.append(i)
        seen.add(i)
    return dups


def walk_hash(trace):
    """#step=...&pid=...&va=... of the trace's last PTE write of a valid entry."""
    h = 'step=0'
    with open(trace) as f:
        for line in f:
            if '"ev":"pte"' not in line:
                continue
            r = json.loads(line)
            if int(r['new'], 16) != 0:
                h = 'step=%d&pid=%d&va=%s' % (r['seq'], r['asid'], r['va'])
    return h


def dom(chromium, workdir, page, h):
    p = subprocess.run([chromium, '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
                        '--disable-extensions', '--user-data-dir=' + os.path.join(workdir, 'validate-profile'),
                        '--virtual-time-budget=5000', '--dump-dom',
                        'file://%s#%s' % (os.path.abspath(page), h)],
                       capture_output=True, timeout=180)
    out = p.stdout
    if p.returncode != 0 or b'data-ready="1"' not in out:
        raise RuntimeError('chromium did not render %s#%s (exit %d)' % (page, h, p.returncode))
    return b'<!DOCTYPE html>\n' + out if not out.lstrip().lower().startswith(b'<!doctype') else out


def check_page(tidy_bin, chromium, workdir, page, trace):
    bad = []
    bad += ['tidy: ' + m for m in tidy(tidy_bin, page)]
    with open(page, 'rb') as f:
        errs, _ = strict_parse(f.read())
    bad += errs
    h = walk_hash(trace)
    d = dom(chromium, workdir, page, h)
    errs, tree = strict_parse(d)
    bad += ['rendered #%s: %s' % (h, e) for e in errs]
    if tree is not None:
        bad += ['rendered #%s: duplicate id "%s"' % (h, i) for i in dup_ids(tree)]
    rendered = os.path.join(workdir, os.path.basename(page) + '.dom.html')
    with open(rendered, 'wb') as f:
        f.write(d)
    for m in tidy(tidy_bin, rendered):
        if not any(a.search(m) for a in DOM_TIDY_ALLOWED):
            bad.append('rendered #%s: tidy: %s' % (h, m))
    return bad


def main():
    a = sys.argv[1:]
    if len(a) < 5 or (len(a) - 3) % 2:
        print(__doc__.split('\n\n')[1], file=sys.stderr)
        return 2
    tidy_bin, chromium, workdir = a[:3]
    failed = 0
    for page, trace in zip(a[3::2], a[4::2]):
        bad = check_page(tidy_bin, chromium, workdir, page, trace)
        if bad:
            failed += 1
            print('%s: not valid:\n  - %s' % (page, '\n  - '.join(bad)))
        else:
            print('%s: valid (file and rendered page)' % page)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
