// Large documents are analysed in a worker thread, so typing in them never stalls the extension host
// for the length of an analysis; smaller ones stay in the host, where a check is quicker than the trip.
// The worker keeps a large document's text and gets its edits as they happen (see core/worker).
import * as vscode from 'vscode';
import { plainOptions, type JobResult } from '../../core/analysis/documentJob';
import type { AnalysisOptions, NotebookCell } from '../../core/analysis/types';
import { AnalysisWorker, type WorkerEvent, type WorkerStats } from '../../core/worker/analysisWorker';
import { described, type DocumentKind, type TextAnalysis } from './analyze';

/**
 * Documents (or notebooks' cells together) of at least this many characters go to the worker. Measured
 * on a busy 2-core machine: the engine takes a median 8 ms on 50 KB of training code and 16 ms (p90
 * 55 ms) on 100 KB, so from 64 KB an in-host check would approach the 20 ms stall budget, while below
 * it most files never start the worker (a thread with its own copy of the engine).
 */
export const OFF_THREAD_MIN_CHARS = 64 * 1024;

/** Characters in a document, without building its text (`getText()` joins every line). */
export function documentLength(document: vscode.TextDocument): number {
  return document.offsetAt(new vscode.Position(document.lineCount, 0));
}

function describeEvent(event: WorkerEvent): string {
  switch (event.type) {
    case 'started':
      return event.start === 1 ? vscode.l10n.t('Analysis worker started for large files.') : vscode.l10n.t('Analysis worker restarted (start {0} of {1}).', event.start, event.maxStarts);
    case 'cannot-start':
      return vscode.l10n.t('Analysis worker could not start ({0}); large files are analysed in the extension host.', event.reason);
    case 'stopped':
      return event.givingUp
        ? vscode.l10n.t('Analysis worker stopped ({0}); {1} job(s) analysed in the extension host, and from now on every file is.', event.why, event.lost)
        : vscode.l10n.t('Analysis worker stopped ({0}); {1} job(s) analysed in the extension host.', event.why, event.lost);
  }
}

function inWords(result: JobResult | undefined): TextAnalysis | undefined {
  return result && described(result);
}

export class OffThreadAnalysis implements vscode.Disposable {
  private worker: AnalysisWorker | undefined;
  private readonly logged = new Set<string>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly extensionUri: vscode.Uri, private readonly output: vscode.LogOutputChannel) {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((e) => {
        const key = e.document.uri.toString();
        if (e.contentChanges.length && this.worker?.holds(key)) {
          this.worker.edit(key, e.document.version, e.contentChanges.map((c) => ({ offset: c.rangeOffset, length: c.rangeLength, text: c.text })));
        }
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.worker?.release(d.uri.toString())),
    ];
  }

  /** Whether a document with `chars` characters of text is analysed in the worker. */
  handles(chars: number): boolean {
    return chars >= OFF_THREAD_MIN_CHARS;
  }

  /** What the worker has done so far (the real-VS-Code test reads it through the extension's API). */
  get stats(): WorkerStats {
    return this.worker?.stats ?? { inWorker: 0, inHost: 0, stale: 0, starts: 0, textsSent: 0, editsForwarded: 0 };
  }

  /** Findings of a large document at its current version, or `undefined` when a newer version was queued meanwhile. */
  analyzeDocument(document: vscode.TextDocument, kind: Exclude<DocumentKind, 'notebook-cell'>, name: string, length: number, options: AnalysisOptions): Promise<TextAnalysis | undefined> {
    const version = document.version;
    const held = { version, length, text: () => (document.isClosed || document.version !== version ? undefined : document.getText()) };
    return this.client(document.uri, length).analyze(document.uri.toString(), { type: 'text', kind, name, text: '', options: plainOptions(options) }, held).then(inWords);
  }

  /** Findings of a large notebook's cells, or `undefined` when a newer version was queued meanwhile. */
  analyzeCells(uri: vscode.Uri, cells: NotebookCell[], size: number, options: AnalysisOptions): Promise<TextAnalysis | undefined> {
    return this.client(uri, size).analyze(uri.toString(), { type: 'cells', cells, options: plainOptions(options) }).then(inWords);
  }

  private client(uri: vscode.Uri, size: number): AnalysisWorker {
    const key = uri.toString();
    if (!this.logged.has(key)) {
      this.logged.add(key);
      this.output.info(vscode.l10n.t('Analysing {0} ({1} KB) in the analysis worker thread.', uri.fsPath || key, (size / 1024).toFixed(0)));
    }
    this.worker ??= new AnalysisWorker(vscode.Uri.joinPath(this.extensionUri, 'dist', 'analysisWorker.js').fsPath, (event) => this.output.info(describeEvent(event)));
    return this.worker;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.worker?.dispose();
    this.worker = undefined;
  }
}
