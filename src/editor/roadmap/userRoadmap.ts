// The roadmap the user or a teacher points `pythonForAI.roadmap.file` at, merged with the built-in
// one. A broken file is reported once (with line and column) and the built-in roadmap stays.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { builtInRoadmap, formatRoadmapError, mergeRoadmaps, parseRoadmap, type MergeMode, type Roadmap, type RoadmapError } from '../../core/roadmap';

export interface LoadedRoadmap {
  roadmap: Roadmap;
  /** The user file, when one is configured; starters with a `template` resolve next to it. */
  userFile?: vscode.Uri;
  /** Ids of the steps that come from the user file. */
  userStepIds: Set<string>;
  /** Problems of the user file, formatted `file:line:column: message`. */
  errors: string[];
}

export function roadmapFileSetting(): { file: string; mode: MergeMode; folder?: vscode.WorkspaceFolder } {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const config = vscode.workspace.getConfiguration('pythonForAI', folder?.uri);
  const mode = config.get<string>('roadmap.mode') === 'replace' ? 'replace' : 'extend';
  return { file: (config.get<string>('roadmap.file') ?? '').trim(), mode, folder };
}

export class UserRoadmapLoader {
  /** Error texts already shown in a notification, so a broken file is announced once, not on every refresh. */
  private readonly announced = new Set<string>();

  constructor(private readonly output: vscode.LogOutputChannel) {}

  async load(): Promise<LoadedRoadmap> {
    const { file, mode, folder } = roadmapFileSetting();
    if (!file) return { roadmap: builtInRoadmap(vscode.env.language), userStepIds: new Set(), errors: [] };
    let uri: vscode.Uri;
    if (path.isAbsolute(file)) uri = vscode.Uri.file(file);
    else if (folder) uri = vscode.Uri.joinPath(folder.uri, ...file.split(/[/\\]/));
    else return this.fail(undefined, file, [{ message: vscode.l10n.t('A relative roadmap file needs an open folder.') }]);

    let text: string;
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.byteLength > 1024 * 1024) return this.fail(uri, file, [{ message: vscode.l10n.t('The roadmap file is larger than 1 MB.') }]);
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch (e) {
      const message = e instanceof vscode.FileSystemError || (e as { code?: string }).code === 'FileNotFound' ? vscode.l10n.t('The file does not exist.')
        : e instanceof TypeError ? vscode.l10n.t('The file is not UTF-8 text.') : vscode.l10n.t('The file could not be read: {0}', String(e));
      return this.fail(uri, file, [{ message }]);
    }
    const parsed = parseRoadmap(text);
    if (!parsed.roadmap) return this.fail(uri, file, parsed.errors);
    const steps = parsed.roadmap.steps.length + parsed.roadmap.next.steps.length;
    this.output.info(mode === 'replace' ? vscode.l10n.t('Roadmap: using {0} ({1} steps).', file, steps) : vscode.l10n.t('Roadmap: extending the built-in roadmap with {0} ({1} steps).', file, steps));
    const userStepIds = new Set([...parsed.roadmap.steps, ...parsed.roadmap.next.steps].map((s) => s.id));
    return { roadmap: mergeRoadmaps(builtInRoadmap(vscode.env.language), parsed.roadmap, mode), userFile: uri, userStepIds, errors: [] };
  }

  private fail(uri: vscode.Uri | undefined, file: string, errors: RoadmapError[]): LoadedRoadmap {
    const lines = errors.map((e) => formatRoadmapError(file, e));
    for (const line of lines) this.output.error(vscode.l10n.t('Roadmap: {0}', line));
    const key = lines.join('\n');
    if (!this.announced.has(key)) {
      this.announced.add(key);
      const first = errors[0];
      const problem = lines[0].replace(/\.$/, '');
      const text = errors.length === 1 ? vscode.l10n.t('Python for AI: the roadmap file {0}. Showing the built-in roadmap.', problem)
        : errors.length === 2 ? vscode.l10n.t('Python for AI: the roadmap file {0} (and 1 more problem, see the output). Showing the built-in roadmap.', problem)
          : vscode.l10n.t('Python for AI: the roadmap file {0} (and {1} more problems, see the output). Showing the built-in roadmap.', problem, errors.length - 1);
      const openFile = vscode.l10n.t('Open File');
      const showOutput = vscode.l10n.t('Show Output');
      const actions = uri && first.line !== undefined ? [openFile, showOutput] : [showOutput];
      void vscode.window.showErrorMessage(text, ...actions).then((choice) => {
        if (choice === showOutput) this.output.show(true);
        else if (choice === openFile && uri) {
          const pos = new vscode.Position((first.line ?? 1) - 1, (first.column ?? 1) - 1);
          void vscode.window.showTextDocument(uri, { selection: new vscode.Range(pos, pos) });
        }
      });
    }
    return { roadmap: builtInRoadmap(vscode.env.language), userFile: undefined, userStepIds: new Set(), errors: lines };
  }
}
