// The editor's strings and their translations: every vscode.l10n.t string is in l10n/bundle.l10n.json
// (exported again by @vscode/l10n-dev, so a new untranslated string fails here), every translation has
// exactly the bundle's keys and placeholders, and no sentence reaches the user without vscode.l10n.t.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { repoRoot } from './repoRoot';

const root = repoRoot();
const LOCALES = ['zh-cn', 'es'];

function readBundle(locale?: string): Record<string, string | { message: string }> {
  return JSON.parse(fs.readFileSync(path.join(root, 'l10n', locale ? `bundle.l10n.${locale}.json` : 'bundle.l10n.json'), 'utf8'));
}

function messageOf(value: string | { message: string }): string {
  return typeof value === 'string' ? value : value.message;
}

/** `{0}`, `{1}`… of a message, sorted (a translation may reorder them, never drop or add one). */
function placeholders(text: string): string[] {
  return Array.from(text.matchAll(/\{(\d+)\}/g), (m) => m[0]).sort();
}

/** Words a translation keeps as written: the product, Python, Git. */
const NAMES = /Python for AI|Python|Git|pyai-lint/g;

/** Whether a message has words to translate once placeholders, code spans and names are left out. */
function hasWords(text: string): boolean {
  return /[A-Za-z]{2,}/.test(text.replace(/\{\d+\}/g, ' ').replace(/`[^`]*`/g, ' ').replace(NAMES, ' ').replace(/\$\([\w~-]+\)/g, ' '));
}

/** Messages rightly translated without a Chinese character ("{0}/{1}"), or as the English text ("No", and the imperative "Use", are Spanish too). */
const SAME_IN: Record<string, Set<string>> = { 'zh-cn': new Set(['{0} of {1}']), es: new Set(['No', '{0} {1}. Use {2}.']) };

/** zh-cn: no Chinese character at all; es: the English text unchanged. */
function looksEnglish(locale: string, text: string, english: string): boolean {
  return locale === 'zh-cn' ? !/[\u4e00-\u9fff]/.test(text) : text === english;
}

function editorSources(): string[] {
  const dir = path.join(root, 'src', 'editor');
  const files = fs.readdirSync(dir, { recursive: true }).map((f) => path.join(dir, String(f))).filter((f) => f.endsWith('.ts'));
  return [path.join(root, 'src', 'extension.ts'), ...files];
}

describe('l10n bundles', () => {
  it('l10n/bundle.l10n.json has every string the editor passes to vscode.l10n.t (npm run l10n:export)', function () {
    this.timeout(60_000);
    const run = spawnSync(process.execPath, [path.join(root, 'test', 'tools', 'l10n-export.mjs'), '--check'], { cwd: root, encoding: 'utf8' });
    assert.equal(run.stderr.includes('failed'), false, run.stderr);
    assert.equal(run.stdout.trim(), '', `strings missing from l10n/bundle.l10n.json (run npm run l10n:export, then translate them):\n${run.stdout}`);
    assert.equal(run.status, 0);
  });

  it('package.json points VS Code at the bundles', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    assert.equal(manifest.l10n, './l10n');
  });

  for (const locale of LOCALES) {
    it(`bundle.l10n.${locale}.json has exactly the keys of bundle.l10n.json, each translated with the same placeholders`, () => {
      const english = readBundle();
      const translated = readBundle(locale);
      const missing = Object.keys(english).filter((k) => !(k in translated));
      const extra = Object.keys(translated).filter((k) => !(k in english));
      assert.deepEqual(missing, [], `missing in ${locale}`);
      assert.deepEqual(extra, [], `not in bundle.l10n.json (stale) in ${locale}`);
      for (const [key, value] of Object.entries(english)) {
        const text = messageOf(translated[key]);
        assert.equal(typeof text, 'string', `${locale}: ${key}`);
        assert.ok(text.trim().length > 0, `${locale}: empty translation of ${JSON.stringify(key)}`);
        assert.deepEqual(placeholders(text), placeholders(messageOf(value)), `${locale}: placeholders of ${JSON.stringify(key)}`);
      }
    });

    it(`bundle.l10n.${locale}.json translates every sentence (no English copied in to fill a key)`, () => {
      const translated = readBundle(locale);
      const untranslated = Object.keys(readBundle()).filter((key) => hasWords(key) && !SAME_IN[locale]?.has(key) && looksEnglish(locale, messageOf(translated[key]), key));
      assert.deepEqual(untranslated, []);
    });
  }

  it('Spanish addresses the user as "tú" everywhere (bundle, manifest, roadmap, walkthrough), never "usted"', () => {
    // The formal words these texts once used; each one's "tú" form is what they say now (Selecciona, Abre, tu, ti…).
    const formal = /\b(usted|Seleccione|seleccione|Abra|abra|Ejecute|Instale|instale|Pulse|haga clic|Confíe|confíe|Elija|elija|Escriba|Llame|llame|Use|Cree|Cargue|Mida|Entrene|Guarde|Devuelva|Ponga|vuelva a|quiere)\b/;
    const walkthrough = path.join(root, 'media', 'walkthrough', 'es');
    const files = ['l10n/bundle.l10n.es.json', 'package.nls.es.json', 'src/core/roadmap/roadmap.es.yaml', ...fs.readdirSync(walkthrough).map((f) => `media/walkthrough/es/${f}`)];
    // In the JSON files only the translations (the keys of the bundle are English).
    const texts = (f: string): string[] => {
      const text = fs.readFileSync(path.join(root, f), 'utf8');
      return f.endsWith('.json') ? Object.values(JSON.parse(text) as Record<string, string>) : text.split('\n');
    };
    const found = files.flatMap((f) =>
      texts(f).flatMap((line) => {
        const m = formal.exec(line.replace(/`[^`]*`/g, ' '));
        return m ? [`${f}: ${m[0]} in ${line.slice(0, 80)}`] : [];
      }),
    );
    assert.ok(files.length >= 10, files.join());
    assert.deepEqual(found, []);
  });
});

// Sentences that stay as written: names of the product and of things VS Code shows verbatim.
const ALLOWED_LITERALS = new Set([
  'Python for AI', // the product's name: output channel, diagnostic source, language status name
  'Python for AI project checks.md', // the project checks page's file name: part of its URI, which diagnostics are keyed by
]);

/** Calls whose arguments are never shown to the user (command ids, settings keys, globs, log lines for developers). */
const NON_UI_CALLS = new Set([
  'executeCommand', 'registerCommand', 'getConfiguration', 'get', 'inspect', 'update', 'createFileSystemWatcher', 'findFiles',
  'debug', 'trace', 'setContext', 'joinPath', 'parse', 'file', 'from', 'getExtension', 'invalidate', 'RelativePattern', 'logOnce',
  'Error', 'startsWith', 'endsWith', 'includes', 'split', 'replace', 'test', 'match', 'join', 'has', 'delete',
]);

/** The text a user could read in a string or template literal (placeholders and codicons `$(name)` left out). */
function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  return undefined;
}

/** Two words in a row: a sentence or a label, not an id, a path, a glob or a key. */
function isProse(text: string): boolean {
  const words = text.replace(/\$\([\w~-]+\)/g, ' ').replace(/command:[\w.?%-]+/g, ' ').trim();
  return /[A-Za-z]{2,}[,:;]? +[A-Za-z]{2,}/.test(words) && !ALLOWED_LITERALS.has(words);
}

/** A single word counts too where VS Code shows it: a notification's text or button, a label, a title, a tooltip. */
const MESSAGE_CALLS = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage']);
const SHOWN_PROPERTIES = new Set(['label', 'description', 'detail', 'tooltip', 'title', 'placeHolder', 'prompt', 'text', 'name', 'message']);
const SHOWN_CONSTRUCTORS = new Set(['CodeAction', 'TreeItem']);

function isWord(text: string): boolean {
  const words = text.replace(/\$\([\w~-]+\)/g, ' ').trim();
  return /[A-Za-z]{2,}/.test(words) && !ALLOWED_LITERALS.has(words);
}

/** Whether the literal `node` is what VS Code shows: an argument of a message call, a shown property's value, a label given to a constructor. */
function isShown(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isCallExpression(parent) && parent.arguments.includes(node as ts.Expression)) return MESSAGE_CALLS.has(calleeName(parent));
  if (ts.isNewExpression(parent) && parent.arguments?.[0] === node) return SHOWN_CONSTRUCTORS.has(calleeName(parent));
  if (ts.isPropertyAssignment(parent) && parent.initializer === node) return SHOWN_PROPERTIES.has(parent.name.getText());
  if (ts.isBinaryExpression(parent) && parent.right === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    return ts.isPropertyAccessExpression(parent.left) && SHOWN_PROPERTIES.has(parent.left.name.text);
  }
  return false;
}

function calleeName(call: ts.CallExpression | ts.NewExpression): string {
  const e = call.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return '';
}

function isL10nCall(node: ts.Node): boolean {
  return ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 't'
    && /\bl10n$/.test(node.expression.expression.getText());
}

/** Literals with words not passed through vscode.l10n.t, with where they are. */
function untranslatedProse(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node, exempt: boolean): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isJSDoc(node)) return;
    if (isL10nCall(node)) {
      // The key is translated; its arguments are values (names, counts), visited like any other code.
      for (const arg of (node as ts.CallExpression).arguments.slice(1)) visit(arg, exempt);
      return;
    }
    let childExempt = exempt;
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && NON_UI_CALLS.has(calleeName(node))) childExempt = true;
    const text = literalText(node);
    if (text !== undefined && !exempt && (isProse(text) || (isShown(node) && isWord(text)))) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${path.relative(root, file)}:${line + 1}: ${node.getText().slice(0, 100)}`);
    }
    ts.forEachChild(node, (child) => visit(child, childExempt));
  };
  visit(source, false);
  return found;
}

describe('l10n: no untranslated text in the editor', () => {
  it('every sentence or label in src/extension.ts and src/editor goes through vscode.l10n.t', () => {
    const found = editorSources().flatMap(untranslatedProse);
    assert.deepEqual(found, [], 'wrap these in vscode.l10n.t (with {0} placeholders), or add a name to ALLOWED_LITERALS');
  });

  it('the scan catches a notification, a quick pick label and a tree item given as plain literals', () => {
    const dir = fs.mkdtempSync(path.join(root, 'out', 'l10n-scan-'));
    const file = path.join(dir, 'sample.ts');
    fs.writeFileSync(file, [
      "import * as vscode from 'vscode';",
      "void vscode.window.showInformationMessage('Python for AI: nothing to fix here.');",
      "void vscode.window.showQuickPick([{ label: '$(output) Show Logs', id: 'logs' }]);",
      "const item = new vscode.TreeItem(`Step ${1} of the roadmap`);",
      "const ok = vscode.l10n.t('Already translated {0}', 'x');",
      "void vscode.commands.executeCommand('workbench.action.openSettings', 'python.defaultInterpreterPath');",
      "if (ok === 'Install Anyway') item.id = 'a';",
      "void vscode.window.showInformationMessage(ok, 'Undo');",
      "item.tooltip = 'Done';",
      "const pick = { label: ok, id: 'logs', description: 'done' };",
      "const buttons: string[] = []; buttons.push('Install Core Libraries');",
    ].join('\n'));
    try {
      const found = untranslatedProse(file).map((f) => f.replace(/^.*?:(\d+):.*$/, '$1'));
      // A button compared in English would never match the translated button the user pressed.
      assert.deepEqual(found, ['2', '3', '4', '7', '8', '9', '10', '11']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
