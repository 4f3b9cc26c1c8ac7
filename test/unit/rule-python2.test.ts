import * as assert from 'node:assert/strict';
import { assertFixesWork, findingsOf, flagged } from './python-testkit';

describe('rule python2', () => {
  it('reports print statements in every form', () => {
    assert.deepEqual(flagged('print "x"\n', 'python2'), ['print "x"']);
    assert.deepEqual(flagged('print x, y\n', 'python2'), ['print x, y']);
    assert.deepEqual(flagged('print >>sys.stderr, "x"\n', 'python2'), ['print >>sys.stderr, "x"']);
    assert.deepEqual(flagged('if a: print "y"\n', 'python2'), ['print "y"']);
    assert.deepEqual(flagged('print "a" % (1,),\n', 'python2'), ['print "a" % (1,),']);
  });
  it('leaves Python 3 uses of print alone', () => {
    for (const src of ['print\n', 'if verbose:\n    print\n', 'print  # a blank line in Python 2\n', 'x = 1; print\n', 'print(x)\n', 'print (x)\n', 'print(x, file=f)\n', 'print, x = 1, 2\n', 'print = logger.info\n', 'f(print)\n', 'x = print\n', 'print.__doc__\n', 'print in handlers\n', '"print x"\n', '# print x\n', 'def f():\n    """print x"""\n', 'x = f"{print}"\n']) {
      assert.deepEqual(flagged(src, 'python2'), [], src);
    }
  });
  it('reports except E, e and not tuples of exceptions', () => {
    assert.deepEqual(flagged('try:\n    pass\nexcept ValueError, e:\n    pass\n', 'python2'), [', e']);
    assert.deepEqual(flagged('try:\n    pass\nexcept (A, B), e: pass\n', 'python2'), [', e']);
    assert.deepEqual(flagged('try:\n    pass\nexcept (A, B) as e:\n    pass\n', 'python2'), []);
  });
  it('reports backticks, <>, exec statements, long and octal literals, ur strings', () => {
    assert.deepEqual(flagged('x = `y`\n', 'python2'), ['`y`']);
    assert.deepEqual(flagged('if a <> b: pass\n', 'python2'), ['<>']);
    assert.deepEqual(flagged('exec "code" in ns\n', 'python2'), ['exec "code" in ns']);
    assert.deepEqual(flagged('exec code\n', 'python2'), ['exec code']);
    assert.deepEqual(flagged('x = 10L + 0xFFl\n', 'python2'), ['10L', '0xFFl']);
    assert.deepEqual(flagged('os.chmod(p, 0777)\n', 'python2'), ['0777']);
    assert.deepEqual(flagged('s = ur"abc"\n', 'python2'), ['ur']);
  });
  it('leaves valid Python 3 numbers, strings and exec calls alone', () => {
    for (const src of ['x = 0\n', 'x = 00\n', 'x = 0o777\n', 'x = 0.5\n', 'x = 0777.5\n', 'x = 0e1\n', 'x = 10j\n', 's = r"a" + u"b" + rb"c"\n', 'exec("code")\n', 'exec(code, ns)\n', 'x = a != b\n', 's = "a <> b `c` 10L"\n']) {
      assert.deepEqual(flagged(src, 'python2'), [], src);
    }
  });
  it('reports raise with a comma in each form, and fixes it to a call', function () {
    this.timeout(20000);
    assert.deepEqual(flagged('raise ValueError, "bad value"\n', 'python2'), ['raise ValueError, "bad value"']);
    assert.deepEqual(flagged('if x:\n    raise socket.error, (errno, msg)\n', 'python2'), ['raise socket.error, (errno, msg)']);
    assert.deepEqual(flagged('try:\n    f()\nexcept:\n    raise E, msg, sys.exc_info()[2]\n', 'python2'), ['raise E, msg, sys.exc_info()[2]']);
    assert.deepEqual(flagged('def f(): raise E, "m"\n', 'python2'), ['raise E, "m"']);
    const applied = assertFixesWork(
      ['raise ValueError, "bad " "value"\n', 'raise IOError, (2, "missing")\n', 'raise E, None\n', 'raise E, msg\n', 'raise E, msg, tb\n', 'raise mod.Error, 3\n'],
      'python2',
      6,
    );
    const fixed = (source: string) => applied.find((a) => a.source === source);
    assert.equal(fixed('raise ValueError, "bad " "value"\n')?.fixed, 'raise ValueError("bad " "value")\n');
    assert.equal(fixed('raise IOError, (2, "missing")\n')?.fixed, 'raise IOError(2, "missing")\n');
    assert.equal(fixed('raise E, None\n')?.fixed, 'raise E()\n');
    assert.equal(fixed('raise E, msg, tb\n')?.fixed, 'raise E(msg).with_traceback(tb)\n');
    assert.equal(fixed('raise mod.Error, 3\n')?.fixed, 'raise mod.Error(3)\n');
    // a literal or a tuple gives the same exception as Python 2 did; a name may hold an instance or a tuple
    assert.ok(fixed('raise ValueError, "bad " "value"\n')?.safe && fixed('raise IOError, (2, "missing")\n')?.safe);
    assert.equal(fixed('raise E, msg\n')?.safe, false);
    assert.match(fixed('raise E, msg\n')?.title ?? '', /may change behaviour: Python 2 raised a value that was already an exception as it was/);
  });
  it('leaves Python 3 raise alone', () => {
    for (const src of ['raise E("m")\n', 'raise E(a, b) from c\n', 'raise\n', 'raise E(\n    "a, b",\n    c)\n', 'raise E[1, 2]\n', 'raise E({1: 2, 3: 4})\n', 's = "raise E, m"\n', 'raise E  # , m\n']) {
      assert.deepEqual(flagged(src, 'python2'), [], src);
    }
  });
  it('reports tuple parameters of def and lambda, and fixes the def', function () {
    this.timeout(20000);
    assert.deepEqual(flagged('def f(a, (b, c)):\n    return b\n', 'python2'), ['(b, c)']);
    assert.deepEqual(flagged('def f((a, b), c=1, *d):\n    pass\n', 'python2'), ['(a, b)']);
    assert.deepEqual(flagged('def f(self,\n      (x, y),\n      ((p, q), r)):\n    pass\n', 'python2'), ['(x, y)', '((p, q), r)']);
    assert.deepEqual(flagged('class K:\n    def m(self, (w, h)): return w\n', 'python2'), ['(w, h)']);
    assert.deepEqual(flagged('key = lambda (k, v): v\n', 'python2'), ['(k, v)']);
    assert.deepEqual(flagged('pairs.sort(key=lambda a, (b, c): c)\n', 'python2'), ['(b, c)']);
    const sources = [
      'def f(a, (b, c)):\n    return a + b + c\n',
      'def f((a, b), c):\n    """Doc."""\n    return a\n',
      'def f((a, b)): return a\n',
      'def f(a, ((b, c), d), (e, f)):\n    return b\n',
      'def f(b_c, (b, c)):\n    return b_c\n',
      'def f(a, (b)):\n    return b\n',
    ];
    const applied = assertFixesWork(sources, 'python2', sources.length);
    const fixed = (source: string) => applied.find((a) => a.source === source)?.fixed;
    assert.equal(fixed(sources[0]), 'def f(a, b_c):\n    b, c = b_c\n    return a + b + c\n');
    assert.equal(fixed(sources[1]), 'def f(a_b, c):\n    """Doc."""\n    a, b = a_b\n    return a\n');
    assert.equal(fixed(sources[2]), 'def f(a_b): a, b = a_b; return a\n');
    assert.equal(fixed(sources[3]), 'def f(a, b_c_d, e_f):\n    (b, c), d = b_c_d\n    e, f = e_f\n    return b\n');
    assert.equal(fixed(sources[4]), 'def f(b_c, b_c_):\n    b, c = b_c_\n    return b_c\n');
    assert.equal(fixed(sources[5]), 'def f(a, b):\n    return b\n');
  });
  it('leaves Python 3 parameters and calls with tuples alone', () => {
    for (const src of ['def f(a, b=(1, 2), *c, **d): pass\n', 'def f(a: Tuple[int, int] = (0, 0)) -> (int): pass\n', 'f(a, (b, c))\n', 'x = g((a, b), (c, d))\n', 'key = lambda kv: kv[1]\n', 'fn = lambda a, b=(1, 2): (a, b)\n', 'h = lambda: (1, 2)\n', 'def f(a, b):\n    return (a, (b, a))\n', 's = "def f(a, (b, c)):"\n']) {
      assert.deepEqual(flagged(src, 'python2'), [], src);
    }
  });
  it('reports xrange and raw_input unless the file defines or imports them', () => {
    assert.deepEqual(flagged('for i in xrange(3):\n    name = raw_input("? ")\n', 'python2'), ['xrange', 'raw_input']);
    for (const src of ['from six.moves import xrange\nfor i in xrange(3): pass\n', 'from ..backend import xrange\nxrange(3)\n', 'try:\n    xrange\nexcept NameError:\n    xrange = range\nxrange(3)\n', 'def raw_input(p):\n    return p\nraw_input("x")\n', 'obj.xrange(3)\n', 's = "xrange(3)"\n']) {
      assert.deepEqual(flagged(src, 'python2'), [], src);
    }
  });
  it('reports a python2 shebang but not python3', () => {
    assert.deepEqual(flagged('#!/usr/bin/env python2.7\nx = 1\n', 'python2'), ['#!/usr/bin/env python2.7']);
    assert.deepEqual(flagged('#!/usr/bin/env python3\nx = 1\n', 'python2'), []);
    assert.deepEqual(flagged('x = 1\n#!/usr/bin/python2\n', 'python2'), []);
  });
  it('has an error severity by default and respects options', () => {
    assert.equal(findingsOf('print "x"\n', 'python2')[0].severity, 'error');
    assert.equal(findingsOf('print "x"\n', 'python2', { severities: { python2: 'warning' } })[0].severity, 'warning');
    assert.deepEqual(findingsOf('print "x"\n', 'python2', { severities: { python2: 'off' } }), []);
  });
  it('fixes print, <>, except, backticks, exec, long and octal literals so Python 3 parses the result', function () {
    this.timeout(20000);
    const sources = [
      'print "x"\n',
      'print x, y\n',
      'print "a" % (1,),\n',
      'print >>sys.stderr, "err", x\n',
      'print >>f\n',
      'if a: print "y"  # note\n',
      'print "a", \\\n    "b"\n',
      'print("ok"); print "x"\n',
      'if a <> b: pass\n',
      'try:\n    pass\nexcept ValueError, e:\n    pass\n',
      'try:\n    pass\nexcept (A, B), e: pass\n',
      'x = `y` + 1\n',
      'exec "code"\n',
      'exec "code" in g, l\n',
      'x = 10L\n',
      'os.chmod(p, 0777)\n',
      'x = 0777L\n',
      '#!/usr/bin/env python2\nx = 1\n',
      's = ur"abc"\n',
      'for i in xrange(3):\n    name = raw_input("? ")\n',
    ];
    const applied = assertFixesWork(sources, 'python2', sources.length);
    const byTitle = (t: string) => applied.filter((a) => a.title.includes(t));
    assert.ok(applied.some((a) => a.fixed === 'print("a" % (1,), end=" ")\n'));
    assert.ok(applied.some((a) => a.fixed === 'print("err", x, file=sys.stderr)\n'));
    assert.ok(applied.some((a) => a.fixed === 'os.chmod(p, 0o777)\n'));
    assert.ok(applied.some((a) => a.fixed === 'x = repr(y) + 1\n'));
    assert.ok(byTitle('print()').length > 0);
    assert.ok(applied.filter((a) => a.title.includes('raw string')).every((a) => !a.safe), 'ur → r changes \\u handling: unsafe');
  });
});
