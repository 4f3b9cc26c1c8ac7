// The sentence templates the core says through `msg(...)` (src/core/l10n/text.ts), read from the
// source with the TypeScript compiler: every template is a string literal (or a choice between
// literals) at the call, so the bundles can be checked against the complete list.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

export interface CoreTemplates {
  /** Template → where it is said (`src/core/…:line`). */
  templates: Map<string, string[]>;
  /** Calls whose template is not a literal, or that pass fewer arguments than the template uses. */
  problems: string[];
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The literal strings an expression can be: a literal, or a conditional between literals; undefined otherwise. */
function literals(node: ts.Expression): string[] | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isParenthesizedExpression(node)) return literals(node.expression);
  if (ts.isConditionalExpression(node)) {
    const a = literals(node.whenTrue);
    const b = literals(node.whenFalse);
    return a && b ? [...a, ...b] : undefined;
  }
  return undefined;
}

export function coreTemplates(root: string): CoreTemplates {
  const templates = new Map<string, string[]>();
  const problems: string[] = [];
  for (const file of sourceFiles(path.join(root, 'src', 'core'))) {
    const text = fs.readFileSync(file, 'utf8');
    if (!text.includes('msg(')) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'msg' && !ts.isFunctionDeclaration(node.parent)) {
        const where = `${path.relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        const [first, ...args] = node.arguments;
        const found = first ? literals(first) : undefined;
        if (!found) problems.push(`${where}: msg() needs a string literal template`);
        for (const template of found ?? []) {
          templates.set(template, [...(templates.get(template) ?? []), where]);
          for (const m of template.matchAll(/\{(\d+)\}/g)) {
            if (Number(m[1]) >= args.length) problems.push(`${where}: ${m[0]} has no argument in "${template.slice(0, 60)}…"`);
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { templates, problems };
}
