// Every snippet, resolved to the text the editor inserts, is valid Python 3 for the machine's python3,
// and neither Ruff's NumPy/pandas rules nor our own engine finds anything in it.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { PositionEncoding, Workspace, type Diagnostic } from '@astral-sh/ruff-wasm-nodejs';
import { analyzeNotebook } from '../../src/core/analysis/notebook';
import { analyzePython } from '../../src/core/analysis/python';
import { type SnippetEntry, loadSnippetCatalogue } from '../../src/core/snippets/catalogue';
import { resolveSnippet } from '../../src/core/snippets/resolve';
import { choiceStops } from './snippetTestkit';

interface Source {
  id: string;
  source: string;
}

// One python3 process for the whole batch: compile() (not just ast.parse) also rejects `return` outside
// a function, `await` outside async code and so on; SyntaxWarnings (invalid escapes, `is` with a literal)
// count as errors too.
const COMPILE_ALL = `
import json, sys, warnings
warnings.simplefilter("error", SyntaxWarning)
errors = {}
for item in json.load(sys.stdin):
    try:
        compile(item["source"], item["id"], "exec", dont_inherit=True)
    except (SyntaxError, SyntaxWarning, ValueError) as e:
        errors[item["id"]] = f"{type(e).__name__}: {e}"
print(json.dumps(errors))
`;

function compileWithPython(sources: Source[]): Record<string, string> {
  const run = spawnSync('python3', ['-c', COMPILE_ALL], { input: JSON.stringify(sources), encoding: 'utf8', timeout: 60_000 });
  if (run.error) throw run.error;
  assert.equal(run.status, 0, `python3 failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, string>;
}


function ruffFindings(workspace: Workspace, source: string): string[] {
  return (workspace.check(source) as Diagnostic[]).map((d) => `${d.code ?? 'syntax'} line ${d.start_location.row}: ${d.message}`);
}

describe('snippets: resolved bodies are valid, current Python', function () {
  this.timeout(120_000);
  const catalogue: SnippetEntry[] = loadSnippetCatalogue();
  const resolved = catalogue.map((s) => ({ id: s.prefix, source: resolveSnippet(s.body) }));

  it('the catalogue is not empty (so the checks below check something)', () => {
    assert.ok(resolved.length >= 80);
  });

  it('python3 compiles every snippet with its defaults, and rejects a broken one', () => {
    const sentinel = { id: 'sentinel-broken', source: 'for x in range(3):\nprint(x)\n' };
    const errors = compileWithPython([...resolved, sentinel]);
    assert.match(errors['sentinel-broken'] ?? '', /IndentationError|SyntaxError/, 'the checker did not catch a broken body');
    delete errors['sentinel-broken'];
    assert.deepEqual(errors, {});
  });

  it('python3 compiles every option of every choice', () => {
    const variants: Source[] = [];
    for (const s of catalogue) {
      for (const [index, options] of choiceStops(s.body)) {
        options.slice(1).forEach((option) => variants.push({ id: `${s.prefix} \${${index}}=${option}`, source: resolveSnippet(s.body, { values: { [index]: option } }) }));
      }
    }
    assert.ok(variants.length > 50, `${variants.length} choice variants`);
    assert.deepEqual(compileWithPython(variants), {});
  });

  it('python3 compiles every snippet with two-space indentation too', () => {
    assert.deepEqual(compileWithPython(catalogue.map((s) => ({ id: s.prefix, source: resolveSnippet(s.body, { indentUnit: '  ' }) }))), {});
  });

  describe('Ruff (ruff-wasm)', () => {
    let npyPd: Workspace;
    let pyflakes: Workspace;
    before(() => {
      npyPd = new Workspace({ lint: { select: ['NPY', 'PD'] } }, PositionEncoding.Utf16);
      // Mistakes a learner would copy: unused imports, f-strings without fields, redefinitions, unused locals.
      pyflakes = new Workspace({ lint: { select: ['F401', 'F541', 'F632', 'F811', 'F841', 'E9'] } }, PositionEncoding.Utf16);
    });
    after(() => {
      npyPd.free();
      pyflakes.free();
    });

    it('NPY and PD rules are wired (they flag a known-bad sample)', () => {
      const bad = 'import numpy as np\nimport pandas as pd\nx = np.NaN\nnp.random.seed(0)\ndf = pd.read_csv("a.csv")\ny = df.ix[0]\n';
      assert.ok(ruffFindings(npyPd, bad).length >= 3, ruffFindings(npyPd, bad).join('\n'));
    });

    it('no NPY or PD finding in any snippet', () => {
      const findings = resolved.flatMap(({ id, source }) => ruffFindings(npyPd, source).map((f) => `${id}: ${f}`));
      assert.deepEqual(findings, []);
    });

    it('no unused import, empty f-string, redefinition or unused local in any snippet', () => {
      const findings = resolved.flatMap(({ id, source }) => ruffFindings(pyflakes, source).map((f) => `${id}: ${f}`));
      assert.deepEqual(findings, []);
    });
  });

  describe('our engine (analyzePython)', () => {
    const severities = { 'unchecked-data': 'hint', 'too-many-frameworks': 'hint' } as const;

    it('is wired: it reports the pitfalls the snippets avoid in known-bad samples', () => {
      const samples: Record<string, string> = {
        'boston-dataset': 'from sklearn.datasets import load_boston\nX, y = load_boston(return_X_y=True)\n',
        'hardcoded-cuda': 'import torch\nx = torch.zeros(3).cuda()\n',
        'deprecated-api': 'import numpy as np\nx = np.float(3)\n',
        'loss-accumulation': 'import torch\ntotal = 0\nfor x, y in loader:\n    optimizer.zero_grad()\n    loss = criterion(model(x), y)\n    loss.backward()\n    optimizer.step()\n    total += loss\n',
        'unchecked-data': 'import pandas as pd\nfrom sklearn.linear_model import LinearRegression\ndf = pd.read_csv("a.csv")\nLinearRegression().fit(df[["a"]], df["b"])\n',
        'too-many-frameworks': 'import torch\nimport tensorflow as tf\n',
      };
      for (const [rule, source] of Object.entries(samples)) {
        assert.ok(analyzePython(source, { severities }).some((f) => f.rule === rule), `the engine did not report ${rule}`);
      }
    });

    // A learner inserts a roadmap step's snippets one after another, in a file or in notebook cells.
    const workflows: Record<string, string[]> = {
      'CSV to evaluated classifier': [';pd+read+csv', ';pd+missing', ';sk+split', ';sk+classify', ';sk+confusion+matrix'],
      'CSV to pipeline': [';pd+read+csv', ';sk+split', ';sk+pipeline', ';sk+cross+val', ';sk+save+model'],
      'California Housing': [';sk+california+housing', ';sk+regress', ';plt+scatter'],
      'PyTorch training': [';torch+seed', ';torch+dataset', ';torch+module', ';torch+train+loop', ';torch+evaluate', ';torch+checkpoint', ';plt+loss+curve'],
      'Keras training': [';keras+sequential', ';keras+callbacks', ';keras+save+load', ';tf+gpu'],
      'Kaggle': [';kaggle+load', ';pd+value+counts', ';kaggle+titanic', ';kaggle+submission'],
      'serve and export': [';torch+module', ';onnx+export', ';onnx+runtime', ';fastapi+predict'],
    };
    for (const [workflow, prefixes] of Object.entries(workflows)) {
      it(`finds nothing in the "${workflow}" workflow, as one file and as notebook cells`, () => {
        const sources = prefixes.map((p) => resolved.find((r) => r.id === p)?.source ?? assert.fail(`no snippet ${p}`));
        const asFile = analyzePython(sources.join('\n\n'), { severities }).map((f) => `${f.rule} line ${f.range.start.line + 1}: ${f.message}`);
        assert.deepEqual(asFile, []);
        const cells = sources.map((source) => ({ kind: 'code' as const, source }));
        const inCells = analyzeNotebook(cells, { severities }).map((f) => `${f.rule} cell ${f.cell}: ${f.message}`);
        assert.deepEqual(inCells, []);
        assert.deepEqual(compileWithPython([{ id: workflow, source: sources.join('\n\n') }]), {});
      });
    }

    it('finds nothing in any snippet, at every severity', () => {
      const findings = resolved.flatMap(({ id, source }) =>
        analyzePython(source, { severities, frameworkThreshold: 2 }).map((f) => `${id}: ${f.rule} line ${f.range.start.line + 1}: ${f.message}`),
      );
      assert.deepEqual(findings, []);
    });
  });
});
