// The layer rule of spec/architecture.md §2: shared/ is pure domain code that runs in Node, the browser and the
// Electron main process. It may import only itself, templates/ (data) and plain npm libraries.
//
// Rules, for every .ts/.tsx file under shared/:
//  - no relative import that leaves shared/ (other than into templates/), so nothing from renderer/ or electron/;
//  - no import of react, react-dom, @mantine/*, dexie, dexie-react-hooks or electron;
//  - no DOM globals (window, document, localStorage, sessionStorage, indexedDB, navigator);
//  - no Node built-in (node:*, fs, path, child_process, os, ...), except in shared/cli/** and in test files
//    (*.test.ts/tsx), which never run in the browser.
// Imports are found with the TypeScript parser, so comments and strings do not count.
import ts from 'typescript';
import { builtinModules } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface Violation {
  /** repo-relative path with forward slashes, e.g. "shared/engine/derive.ts" */
  file: string;
  line: number;
  message: string;
}

const FORBIDDEN_PACKAGES = new Set(['react', 'react-dom', 'dexie', 'dexie-react-hooks', 'electron']);
const FORBIDDEN_SCOPES = new Set(['@mantine']);
const DOM_GLOBALS = new Set(['window', 'document', 'localStorage', 'sessionStorage', 'indexedDB', 'navigator']);
const NODE_BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')));
const ALLOWED_RELATIVE_ROOTS = ['shared/', 'templates/'];

export function formatViolation(v: Violation): string {
  return `${v.file}:${v.line}: ${v.message}`;
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

function nodeAllowed(file: string): boolean {
  return file.startsWith('shared/cli/') || /\.test\.tsx?$/.test(file);
}

/** Checks one source text. `file` is its repo-relative path (decides the exemptions and resolves relative imports). */
export function checkSource(file: string, text: string): Violation[] {
  file = file.split(path.sep).join('/');
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const out: Violation[] = [];
  const lineOf = (node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const report = (node: ts.Node, message: string) => out.push({ file, line: lineOf(node), message });

  const checkSpecifier = (node: ts.Node, spec: string) => {
    if (spec.startsWith('.') || spec.startsWith('/')) {
      const target = spec.startsWith('/') ? spec : path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
      // Tests beside the code may use the shared test helpers; product code may not.
      const roots = /\.test\.tsx?$/.test(file) ? [...ALLOWED_RELATIVE_ROOTS, 'tests/support/'] : ALLOWED_RELATIVE_ROOTS;
      if (!roots.some((root) => target.startsWith(root) || `${target}/` === root)) {
        report(node, `imports '${spec}' (resolves to ${target}): shared/ may import only shared/ and templates/`);
      }
      return;
    }
    const pkg = packageName(spec);
    if (FORBIDDEN_PACKAGES.has(pkg) || FORBIDDEN_SCOPES.has(pkg.split('/')[0] ?? '')) {
      report(node, `imports '${spec}': no UI, Dexie or Electron code in shared/`);
      return;
    }
    if ((spec.startsWith('node:') || NODE_BUILTINS.has(spec) || NODE_BUILTINS.has(pkg)) && !nodeAllowed(file)) {
      report(node, `imports Node built-in '${spec}': only shared/cli/** (and tests) may use Node APIs`);
    }
  };

  // Names the file declares itself (a local `document` is not the DOM's).
  const declared = new Set<string>();
  const collect = (node: ts.Node) => {
    if (
      (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node) ||
        ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isImportSpecifier(node) ||
        ts.isImportClause(node) || ts.isNamespaceImport(node) || ts.isImportEqualsDeclaration(node) ||
        ts.isEnumDeclaration(node)) &&
      node.name && ts.isIdentifier(node.name)
    ) {
      declared.add(node.name.text);
    }
    ts.forEachChild(node, collect);
  };
  collect(sf);

  const isReference = (id: ts.Identifier): boolean => {
    const p = id.parent;
    if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
    if (ts.isQualifiedName(p) && p.right === id) return false;
    if (
      (ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isPropertySignature(p) ||
        ts.isMethodDeclaration(p) || ts.isMethodSignature(p) || ts.isGetAccessorDeclaration(p) ||
        ts.isSetAccessorDeclaration(p) || ts.isEnumMember(p) || ts.isJsxAttribute(p) ||
        ts.isBindingElement(p) || ts.isImportSpecifier(p) ||
        ts.isExportSpecifier(p) || ts.isLabeledStatement(p) || ts.isTypeAliasDeclaration(p) ||
        ts.isInterfaceDeclaration(p)) &&
      (('name' in p && p.name === id) || ('propertyName' in p && p.propertyName === id) || ('label' in p && p.label === id))
    ) {
      return false;
    }
    if (ts.isBreakOrContinueStatement(p)) return false;
    return true;
  };

  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)) {
      checkSpecifier(node, node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)) {
      checkSpecifier(node, node.moduleReference.expression.text);
    } else if (ts.isCallExpression(node)) {
      const arg = node.arguments[0];
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if ((isImport || isRequire) && arg && ts.isStringLiteralLike(arg)) checkSpecifier(node, arg.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)) {
      checkSpecifier(node, node.argument.literal.text);
    } else if (ts.isIdentifier(node) && DOM_GLOBALS.has(node.text) && !declared.has(node.text) && isReference(node)) {
      report(node, `uses the DOM global '${node.text}': shared/ must run in Node too`);
    } else if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) &&
      ['globalThis', 'self'].includes(node.expression.text) && DOM_GLOBALS.has(node.name.text)) {
      report(node, `uses the DOM global '${node.expression.text}.${node.name.text}': shared/ must run in Node too`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Every .ts/.tsx/.mts/.cts file under root/dir (repo-relative, sorted). A missing dir gives []. */
export function listSources(root: string, dir = 'shared'): string[] {
  const start = path.join(root, dir);
  if (!existsSync(start)) return [];
  const files: string[] = [];
  const walk = (abs: string) => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const child = path.join(abs, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile() && /\.(ts|tsx|mts|cts)$/.test(entry.name)) {
        files.push(path.relative(root, child).split(path.sep).join('/'));
      }
    }
  };
  walk(start);
  return files.sort();
}

/** Checks every source file under root/dir. */
export function checkTree(root: string, dir = 'shared'): Violation[] {
  return listSources(root, dir).flatMap((file) => checkSource(file, readFileSync(path.join(root, file), 'utf8')));
}
