// The one "Python for AI" diagnostic collection and what feeds it: open documents and notebooks
// (debounced while typing, at once on open and save), files read from disk (workspace scan, manifests
// found by the project checks) and project findings attached to a host file (git, interpreter).
import * as vscode from 'vscode';
import { installedVersions, LibraryVersionLookup, type LibraryVersions } from '../../core/analysis/libraryVersions';
import type { AnalysisOptions, Finding } from '../../core/analysis/types';
import { ConfigFinder, type LoadedConfig } from '../../core/config/discover';
import { createPathMatcher, editorOptionsFor, relativeTo } from '../../core/config/resolve';
import type { ConfigError } from '../../core/config/schema';
import { decodeSource } from '../../core/util/decode';
import { createExcludeMatcher } from '../../core/workspace/exclude';
import { locateInNotebookJson } from '../../core/workspace/notebookLocation';
import {
  CELL_SCHEME, MAX_TEXT_LENGTH, SOURCE, analyzeCells, analyzeNotebookText, analyzeText, baseName, displayText, isPythonFileName, kindOf,
  notebookCells, notebookOfCell, toEntry, toRange, type Entry, type TextAnalysis,
} from './analyze';
import { isManifest, isYamlFileName, manifestKindOfText } from '../../core/analysis/manifests';

/** YAML files larger than this are not read to see whether they are conda environments. */
const MAX_CONDA_SNIFF_BYTES = 64 * 1024;
import { readSettings, type PitfallSettings } from './settings';
import { OffThreadAnalysis, documentLength } from './offThread';

interface FileState {
  uri: vscode.Uri;
  /** Document version the entries were computed from; undefined when they came from the file on disk. */
  version?: number;
  entries: Entry[];
}

export class PitfallDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('Python for AI');
  private readonly files = new Map<string, FileState>();
  private readonly project = new Map<string, { uri: vscode.Uri; entries: Entry[] }>();
  /** Files whose diagnostics stay when their editor closes (scanned, or manifests the project checks read). */
  private readonly persistent = new Set<string>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly generations = new Map<string, number>();
  /** Cell document uris last given diagnostics, per notebook. */
  private readonly notebookCellUris = new Map<string, string[]>();
  private readonly logged = new Set<string>();
  /** Errors of configuration files, shown in them. */
  private readonly configProblems = new Map<string, vscode.Diagnostic[]>();
  /** Documents still open in the background after their last tab closed: not re-checked on settings changes. */
  private readonly dormant = new Set<string>();
  private settingsCache = new Map<string, PitfallSettings>();
  private excludeCache = new Map<string, (relativePath: string) => boolean>();
  /** Milliseconds the last document analysis took (the latency benchmark reads it from the output channel). */
  lastAnalysisMs = 0;
  /** Large documents are analysed in a worker thread. */
  readonly offThread: OffThreadAnalysis;

  constructor(private readonly extensionUri: vscode.Uri, private readonly output: vscode.LogOutputChannel) {
    this.offThread = new OffThreadAnalysis(extensionUri, output);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.collection.dispose();
    this.offThread.dispose();
  }

  settingsFor(uri: vscode.Uri): PitfallSettings {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const key = folder?.uri.toString() ?? '';
    let settings = this.settingsCache.get(key);
    if (!settings) {
      settings = readSettings(folder?.uri ?? (uri.scheme === 'untitled' ? undefined : uri));
      this.settingsCache.set(key, settings);
    }
    return settings;
  }

  /** Versions declared by the manifests closest to a file on disk. */
  private readonly manifestVersions = new LibraryVersionLookup();
  /** Versions installed in the selected interpreter (they win over the manifests: that is what runs). */
  private installed: LibraryVersions = {};

  /** `[tool.pyai-lint]` / pyai-lint.toml configurations on disk, as the CLI finds them. */
  readonly configs = new ConfigFinder();

  /** The configuration file that governs `uri` (files on disk only), unless the settings say to ignore files. */
  configFor(uri: vscode.Uri): LoadedConfig | undefined {
    if (uri.scheme !== 'file' || this.settingsFor(uri).preference === 'editorOnly') return undefined;
    return this.configs.forFile(uri.fsPath);
  }

  /**
   * The analysis options for a document: its folder's settings merged with the configuration file
   * that governs it (`pythonForAI.configurationPreference` says which wins), and the library versions
   * in use for it.
   */
  optionsFor(uri: vscode.Uri): AnalysisOptions {
    const settings = this.settingsFor(uri);
    const config = this.configFor(uri);
    const options = config ? editorOptionsFor(uri.fsPath, config, settings.explicit, settings.preference) : settings.options;
    const onDisk = uri.scheme === 'file' ? uri.fsPath : undefined;
    return { ...options, libraryVersions: () => ({ ...(onDisk ? this.manifestVersions.forFile(onDisk) : undefined), ...this.installed }) };
  }

  /** The options project checks use for a workspace folder (its own configuration file, if any). */
  folderOptions(folder: vscode.Uri): AnalysisOptions {
    const settings = this.settingsFor(folder);
    if (folder.scheme !== 'file' || settings.preference === 'editorOnly') return settings.options;
    const config = this.configs.forFolder(folder.fsPath);
    return config ? editorOptionsFor(`${folder.fsPath}/__project__`, config, settings.explicit, settings.preference) : settings.options;
  }

  /** A configuration file changed: it is read again, and its errors shown on it. */
  configurationChanged(): void {
    this.configs.clear();
    this.excludeCache = new Map();
  }

  /** Shows a configuration file's errors (unknown rule, bad value, TOML that does not parse) as diagnostics in it. */
  setConfigurationProblems(uri: vscode.Uri, errors: readonly ConfigError[]): void {
    const key = uri.toString();
    if (errors.length === 0) this.configProblems.delete(key);
    else {
      this.configProblems.set(key, errors.map((e) => {
        const line = Math.max(0, e.line - 1);
        const diagnostic = new vscode.Diagnostic(new vscode.Range(line, Math.max(0, e.column - 1), line, Number.MAX_SAFE_INTEGER), vscode.l10n.t('pyai-lint configuration: {0}', displayText(e.message, e.l10n)), vscode.DiagnosticSeverity.Error);
        diagnostic.source = SOURCE;
        diagnostic.code = 'configuration';
        return diagnostic;
      }));
    }
    this.publish(uri);
  }

  /** The interpreter's packages changed (or were listed): `packages` maps names to versions. */
  setInstalledPackages(packages: Readonly<Record<string, string>>): void {
    this.installed = installedVersions(packages);
  }

  /** A manifest changed: versions are read again. */
  manifestsChanged(): void {
    this.manifestVersions.clear();
  }

  settingsChanged(): void {
    this.settingsCache = new Map();
    this.excludeCache = new Map();
  }

  /** `pythonForAI.exclude`, matched against the path inside the workspace folder. */
  isExcluded(uri: vscode.Uri): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return false;
    const relative = uri.path.slice(folder.uri.path.length).replace(/^\/+/, '');
    const key = folder.uri.toString();
    let matcher = this.excludeCache.get(key);
    if (!matcher) {
      matcher = createExcludeMatcher(this.settingsFor(uri).exclude);
      this.excludeCache.set(key, matcher);
    }
    if (matcher(relative)) return true;
    // The configuration file's own `exclude` / `extend-exclude` (Ruff's defaults stay the CLI's; the editor has pythonForAI.exclude).
    const config = this.configFor(uri);
    if (!config || (!config.config.exclude && !config.config.extendExclude)) return false;
    const fromConfig = relativeTo(config.root, uri.fsPath);
    return fromConfig !== undefined && createPathMatcher([...(config.config.exclude ?? []), ...(config.config.extendExclude ?? [])])(fromConfig);
  }

  /** The entries of a document: its own findings and the project findings attached to it. */
  entriesFor(uri: vscode.Uri): Entry[] {
    const key = uri.toString();
    return [...(this.files.get(key)?.entries ?? []), ...(this.project.get(key)?.entries ?? [])];
  }

  /** Project findings (git, interpreter, frameworks across manifests) attached to a file. */
  projectEntriesFor(uri: vscode.Uri): Entry[] {
    return this.project.get(uri.toString())?.entries ?? [];
  }

  projectUris(): vscode.Uri[] {
    return [...this.project.values()].filter((p) => p.entries.length > 0).map((p) => p.uri);
  }

  private fileCount(uri: vscode.Uri): number {
    return this.files.get(uri.toString())?.entries.length ?? 0;
  }

  /** Version of the document the entries were computed from (undefined: from disk, or none). */
  versionOf(uri: vscode.Uri): number | undefined {
    return this.files.get(uri.toString())?.version;
  }

  allUris(): vscode.Uri[] {
    const uris = new Map<string, vscode.Uri>();
    for (const [key, state] of this.files) if (state.entries.length) uris.set(key, state.uri);
    for (const [key, state] of this.project) if (state.entries.length) uris.set(key, state.uri);
    return [...uris.values()];
  }

  private publish(uri: vscode.Uri): void {
    const diagnostics = [...this.entriesFor(uri).map((e) => e.diagnostic), ...(this.configProblems.get(uri.toString()) ?? [])];
    if (diagnostics.length) this.collection.set(uri, diagnostics);
    else this.collection.delete(uri);
  }

  private setFile(uri: vscode.Uri, entries: Entry[], version?: number): void {
    this.files.set(uri.toString(), { uri, entries, version });
    this.publish(uri);
  }

  private forgetFile(uri: vscode.Uri): void {
    this.files.delete(uri.toString());
    this.publish(uri);
  }

  private logOnce(key: string, message: string): void {
    if (this.logged.has(key)) return;
    this.logged.add(key);
    this.output.info(message);
  }

  private nextGeneration(key: string): number {
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    return generation;
  }

  private isCurrent(key: string, generation: number): boolean {
    return this.generations.get(key) === generation;
  }

  /** Checks a document after `delayMs` (0: at once); a newer request for the same document replaces it. */
  schedule(document: vscode.TextDocument, delayMs: number): void {
    const kind = kindOf(document);
    if (!kind) return;
    if (kind === 'notebook-cell') {
      const notebook = notebookOfCell(document);
      // At least a tick: a notebook opening opens all its cells at once, and one check covers them all.
      if (notebook) this.scheduleNotebook(notebook, Math.max(delayMs, 1));
      return;
    }
    this.dormant.delete(document.uri.toString());
    this.later(document.uri.toString(), delayMs, () => this.checkDocument(document));
  }

  scheduleNotebook(notebook: vscode.NotebookDocument, delayMs: number): void {
    if (notebook.notebookType !== 'jupyter-notebook' && notebook.notebookType !== 'interactive') return;
    this.later(notebook.uri.toString(), delayMs, () => this.checkNotebook(notebook));
  }

  private later(key: string, delayMs: number, run: () => void): void {
    const generation = this.nextGeneration(key);
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    const fire = () => {
      this.timers.delete(key);
      if (this.isCurrent(key, generation)) run();
    };
    if (delayMs <= 0) {
      this.timers.delete(key);
      fire();
    } else {
      this.timers.set(key, setTimeout(fire, delayMs));
    }
  }

  /**
   * Runs a pending check of `document` (or of its notebook) now instead of at the end of its debounce,
   * so a caller that needs current findings (code actions) costs no extra analysis.
   */
  flush(document: vscode.TextDocument): void {
    if (kindOf(document) === 'notebook-cell') {
      const notebook = notebookOfCell(document);
      if (notebook) this.later(notebook.uri.toString(), 0, () => this.checkNotebook(notebook, true));
      return;
    }
    // In the host even when large: the caller (a quick fix) needs the findings of this version now.
    this.later(document.uri.toString(), 0, () => this.checkDocument(document, true));
  }

  /** Analyses an open Python file or manifest now (a large one in the worker, unless `inHost`). */
  checkDocument(document: vscode.TextDocument, inHost = false): void {
    const kind = kindOf(document);
    if (!kind || kind === 'notebook-cell' || document.isClosed) return;
    const uri = document.uri;
    if (this.isExcluded(uri)) {
      this.forgetFile(uri);
      return;
    }
    const length = documentLength(document);
    if (length > MAX_TEXT_LENGTH) {
      this.logOnce(`size:${uri}`, vscode.l10n.t('Skipped {0}: {1} MB is over the 5 MB the pitfall checks read.', uri.fsPath || uri.toString(), (length / 1048576).toFixed(1)));
      this.forgetFile(uri);
      return;
    }
    const started = performance.now();
    if (!inHost && this.offThread.handles(length)) {
      const key = uri.toString();
      const generation = this.generations.get(key);
      const version = document.version;
      void this.offThread.analyzeDocument(document, kind, baseName(uri), length, this.optionsFor(uri)).then((result) => {
        // Dropped when the document changed, closed or was queued for a newer check meanwhile.
        if (!result || document.isClosed || document.version !== version || this.generations.get(key) !== generation) return;
        this.lastAnalysisMs = performance.now() - started;
        this.showDocumentResult(document, result, version);
      });
      return;
    }
    const result = analyzeText(kind, baseName(uri), document.getText(), this.optionsFor(uri));
    this.lastAnalysisMs = performance.now() - started;
    this.showDocumentResult(document, result, document.version);
  }

  private showDocumentResult(document: vscode.TextDocument, result: TextAnalysis, version: number): void {
    const uri = document.uri;
    if (result.problem) this.logOnce(`problem:${uri}:${result.problem}`, vscode.l10n.t('Could not check {0}: {1}', baseName(uri), result.problem));
    this.setFile(uri, result.findings.map((f) => toEntry(f, this.extensionUri)), version);
  }

  /** Analyses an open notebook's cells as one program and gives each cell its diagnostics. */
  checkNotebook(notebook: vscode.NotebookDocument, inHost = false): void {
    if (notebook.isClosed) return;
    const key = notebook.uri.toString();
    const cells = notebook.getCells();
    const excluded = this.isExcluded(notebook.uri);
    const engineCells = notebookCells(notebook);
    const size = engineCells.reduce((n, c) => n + c.source.length, 0);
    if (excluded || size > MAX_TEXT_LENGTH) {
      if (!excluded) this.logOnce(`size:${key}`, vscode.l10n.t('Skipped notebook {0}: its cells hold over 5 MB of text.', baseName(notebook.uri)));
      this.showNotebookResult(notebook, cells, { findings: [] });
      return;
    }
    const started = performance.now();
    if (!inHost && this.offThread.handles(size)) {
      const generation = this.generations.get(key);
      void this.offThread.analyzeCells(notebook.uri, engineCells, size, this.optionsFor(notebook.uri)).then((result) => {
        // Any cell edit, or a cell added or removed, queues a newer check (a new generation): this result is then stale.
        if (!result || notebook.isClosed || this.generations.get(key) !== generation) return;
        this.lastAnalysisMs = performance.now() - started;
        this.showNotebookResult(notebook, cells, result);
      });
      return;
    }
    const result = analyzeCells(engineCells, this.optionsFor(notebook.uri));
    this.lastAnalysisMs = performance.now() - started;
    this.showNotebookResult(notebook, cells, result);
  }

  private showNotebookResult(notebook: vscode.NotebookDocument, cells: readonly vscode.NotebookCell[], result: TextAnalysis): void {
    const key = notebook.uri.toString();
    if (result.problem) this.logOnce(`problem:${key}:${result.problem}`, vscode.l10n.t('Could not check {0}: {1}', baseName(notebook.uri), result.problem));
    const firstCode = cells.find((c) => c.kind === vscode.NotebookCellKind.Code)?.index ?? 0;
    const byCell = new Map<number, Entry[]>();
    for (const finding of result.findings) {
      const index = finding.cell !== undefined && finding.cell < cells.length ? finding.cell : firstCode;
      const list = byCell.get(index) ?? [];
      list.push(toEntry(finding, this.extensionUri));
      byCell.set(index, list);
    }
    const now = cells.map((c) => c.document.uri.toString());
    for (const old of this.notebookCellUris.get(key) ?? []) {
      if (!now.includes(old)) this.forgetFile(vscode.Uri.parse(old));
    }
    for (const cell of cells) this.setFile(cell.document.uri, byCell.get(cell.index) ?? [], cell.document.version);
    this.notebookCellUris.set(key, now);
    // The notebook's cells now carry its findings; drop any the scan put on the .ipynb file itself.
    if (this.files.has(key)) this.forgetFile(notebook.uri);
  }

  /** `stillOpen`: its last tab closed but VS Code keeps the document for a while. */
  documentClosed(document: vscode.TextDocument, stillOpen = false): void {
    if (document.uri.scheme === CELL_SCHEME) return; // the notebook's close handles its cells
    const key = document.uri.toString();
    this.dropTimer(key);
    if (stillOpen) this.dormant.add(key);
    else this.dormant.delete(key);
    if (this.persistent.has(key)) void this.checkFileOnDisk(document.uri);
    else this.forgetFile(document.uri);
  }

  notebookClosed(notebook: vscode.NotebookDocument): void {
    const key = notebook.uri.toString();
    this.dropTimer(key);
    for (const cell of this.notebookCellUris.get(key) ?? []) this.forgetFile(vscode.Uri.parse(cell));
    this.notebookCellUris.delete(key);
    if (this.persistent.has(key)) void this.checkFileOnDisk(notebook.uri);
  }

  private dropTimer(key: string): void {
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
    this.nextGeneration(key);
  }

  /** Re-checks every open document and notebook, and every file read from disk (after a settings change). */
  recheckAll(): void {
    for (const document of vscode.workspace.textDocuments) {
      if (document.uri.scheme !== CELL_SCHEME && !this.dormant.has(document.uri.toString())) this.schedule(document, 0);
    }
    for (const notebook of vscode.workspace.notebookDocuments) this.scheduleNotebook(notebook, 0);
    for (const key of this.persistent) {
      if (!this.isOpen(key) || this.dormant.has(key)) void this.checkFileOnDisk(vscode.Uri.parse(key));
    }
  }

  private isOpen(key: string): boolean {
    return vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)
      || vscode.workspace.notebookDocuments.some((n) => n.uri.toString() === key);
  }

  /**
   * Checks a file that may not be open (workspace scan, manifests), reading it from disk; an open
   * document or notebook is checked from the editor's text instead. `keep` makes its diagnostics
   * outlive its editor. Resolves to the number of findings now shown for it.
   */
  async checkFileOnDisk(uri: vscode.Uri, keep = false): Promise<number> {
    const key = uri.toString();
    if (keep) this.persistent.add(key);
    const openNotebook = vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === key);
    if (openNotebook) {
      this.checkNotebook(openNotebook, true);
      return openNotebook.getCells().reduce((n, c) => n + this.entriesFor(c.document.uri).length, 0);
    }
    const openDocument = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (openDocument) {
      this.checkDocument(openDocument, true);
      return this.fileCount(uri);
    }
    const generation = this.nextGeneration(key);
    const name = baseName(uri);
    const isNotebook = /\.ipynb$/i.test(name);
    // A YAML file not named like a manifest is read to see whether it is a conda environment.
    const byContent = !isManifest(name) && isYamlFileName(name);
    const kind = isPythonFileName(name) ? (isManifest(name) ? 'python+manifest' : 'python') : isManifest(name) || byContent ? 'manifest' : undefined;
    if (!isNotebook && !kind) return 0;
    if (this.isExcluded(uri)) {
      this.forgetFile(uri);
      return 0;
    }
    let text: string;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (byContent && stat.size > MAX_CONDA_SNIFF_BYTES) return 0;
      if (stat.size > MAX_TEXT_LENGTH) {
        this.logOnce(`size:${key}`, vscode.l10n.t('Skipped {0}: {1} MB is over the 5 MB the pitfall checks read.', uri.fsPath, (stat.size / 1048576).toFixed(1)));
        return 0;
      }
      // Read as the CLI reads it (PEP 263 declarations, BOMs, invalid bytes replaced with a note); an
      // open document is decoded by VS Code itself (files.encoding) and never comes here.
      const decoded = decodeSource(await vscode.workspace.fs.readFile(uri), isPythonFileName(name));
      text = decoded.text;
      if (decoded.note) this.logOnce(`decode:${key}`, `${uri.fsPath || uri.toString()}: ${decoded.note}.`);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      this.logOnce(`read:${key}`, vscode.l10n.t('Skipped {0}: {1}.', uri.fsPath, why));
      if (this.isCurrent(key, generation)) this.forgetFile(uri);
      return 0;
    }
    if (!this.isCurrent(key, generation) || this.isOpen(key)) return this.fileCount(uri);
    if (byContent && !manifestKindOfText(name, text)) {
      this.forgetFile(uri);
      return 0;
    }
    const options = this.optionsFor(uri);
    let entries: Entry[];
    if (isNotebook) {
      const result = analyzeNotebookText(text, options);
      if (result.problem) this.logOnce(`problem:${key}:${result.problem}`, vscode.l10n.t('Could not check {0}: {1}', name, result.problem));
      entries = result.findings.map((f) => this.notebookFileEntry(f, text, result.cells?.[f.cell ?? 0]?.source ?? ''));
    } else {
      const result = analyzeText(kind!, name, text, options);
      if (result.problem) this.logOnce(`problem:${key}:${result.problem}`, vscode.l10n.t('Could not check {0}: {1}', name, result.problem));
      entries = result.findings.map((f) => toEntry(f, this.extensionUri));
    }
    this.setFile(uri, entries);
    return entries.length;
  }

  /** A finding of a closed notebook, shown on its JSON text: positioned on the cell's line, fixes dropped
   * (their coordinates are the cell's, and the notebook editor applies them once opened). */
  private notebookFileEntry(finding: Finding, json: string, cellSource: string): Entry {
    const cell = finding.cell ?? 0;
    const start = locateInNotebookJson(json, cell, cellSource, finding.range.start);
    const sameLine = finding.range.end.line === finding.range.start.line;
    const end = sameLine ? { line: start.line, character: start.character + (finding.range.end.character - finding.range.start.character) } : start;
    // The cell's number goes before the message as shown (translated), so the finding's own template no longer applies.
    const located: Finding = { ...finding, range: { start, end }, message: vscode.l10n.t('Cell {0}: {1}', cell + 1, displayText(finding.message, finding.l10n)), l10n: undefined, fixes: [] };
    return toEntry(located, this.extensionUri, toRange(located.range));
  }

  /** Replaces all project findings (git, interpreter, cross-manifest frameworks) with `byFile`. */
  setProjectFindings(byFile: Map<string, { uri: vscode.Uri; findings: Finding[] }>): void {
    const touched = new Set([...this.project.keys(), ...byFile.keys()]);
    this.project.clear();
    for (const [key, { uri, findings }] of byFile) {
      this.project.set(key, { uri, entries: findings.map((f) => toEntry(f, this.extensionUri)) });
    }
    for (const key of touched) {
      const uri = this.project.get(key)?.uri ?? this.files.get(key)?.uri ?? vscode.Uri.parse(key);
      this.publish(uri);
    }
  }
}
