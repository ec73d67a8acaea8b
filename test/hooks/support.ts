/** Helpers for the tests that install armdsc-lint the way git-hook tools do (pre-commit, lint-staged). */
import { spawnSync } from 'node:child_process';
import { copyFileSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The repository under test: two levels up from this folder (test/hooks). */
export const repoRoot = join(__dirname, '..', '..');

export interface Run {
  status: number | null;
  /** stdout and stderr, in that order. */
  output: string;
  stdout: string;
  stderr: string;
}

/**
 * The environment for child processes: the caller's, without what would steer them away from the
 * situation of a user. GIT_* (set when jest itself runs inside a git hook) would point git at the
 * wrong repository; PRE_COMMIT_*, HUSKY and npm's own npm_* variables (exported by `npm test`)
 * would change how the tools under test behave.
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(GIT_|PRE_COMMIT|HUSKY|npm_)/.test(key) || key === 'INIT_CWD') continue;
    env[key] = value;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = childEnv(), timeoutMs = 280_000): Run {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`${command} ${args.join(' ')}: ${result.error.message}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, output: result.stdout + result.stderr };
}

/** Like `run`, but throws with the output when the command does not exit with 0. */
export function runOk(command: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv): Run {
  const result = run(command, args, cwd, env);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}:\n${result.output}`);
  return result;
}

/** The first line of `command --version`, or undefined when the command cannot be run. */
export function versionOf(command: string): string | undefined {
  const result = spawnSync(command, ['--version'], { encoding: 'utf8', env: childEnv() });
  if (result.error || result.status !== 0) return undefined;
  return (result.stdout || result.stderr).trim().split('\n')[0];
}

/** The npm registry answers (`npm ping`): the hooks install armdsc-lint's dependencies from it, so without it their tests are skipped. */
export function npmRegistryReachable(): boolean {
  const result = spawnSync('npm', ['ping'], { encoding: 'utf8', env: childEnv(), timeout: 30_000 });
  return !result.error && result.status === 0;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `armdsc-lint-${prefix}-`));
}

export function git(args: string[], cwd: string): string {
  return runOk('git', args, cwd).stdout;
}

/** A new git repository in `dir` (created if needed), on branch main. */
export function gitInit(dir: string): string {
  mkdirSync(dir, { recursive: true });
  git(['init', '-q', '-b', 'main'], dir);
  // An identity of its own, for commits made by the tools under test (lint-staged's backup stash).
  git(['config', 'user.name', 'armdsc-lint tests'], dir);
  git(['config', 'user.email', 'tests@armdsc-lint.invalid'], dir);
  git(['config', 'commit.gpgsign', 'false'], dir);
  return dir;
}

/**
 * Copies the working tree of the repository under test — tracked files as they are on disk, and
 * untracked files that are not ignored; never node_modules/ or dist/ — into `dest`, and commits
 * the copy there. Returns the commit.
 *
 * Why: tools that install a hook from a repository take a commit of it. `pre-commit try-repo` on
 * a dirty repository snapshots HEAD plus the staged and modified tracked files, but not untracked
 * ones (a new file that is not yet added would be missing); on a clean one it takes HEAD. A commit
 * of the whole working tree is what the tests must try, committed or not.
 */
export function snapshotWorkingTree(dest: string): string {
  const listed = git(['ls-files', '-z', '--cached', '--others', '--exclude-standard'], repoRoot).split('\0').filter(Boolean);
  for (const path of new Set(listed)) {
    const from = join(repoRoot, path);
    let stat;
    try {
      stat = lstatSync(from);
    } catch {
      continue; // deleted in the working tree
    }
    const to = join(dest, path);
    mkdirSync(dirname(to), { recursive: true });
    if (stat.isSymbolicLink()) symlinkSync(readlinkSync(from), to);
    else if (stat.isFile()) copyFileSync(from, to);
  }
  gitInit(dest);
  git(['add', '-A'], dest);
  git(['commit', '-q', '--no-verify', '-m', 'working tree of armdsc-lint under test'], dest);
  return git(['rev-parse', 'HEAD'], dest).trim();
}

/** The text of the first fenced code block after the first line of `markdown` that contains `marker`. */
export function codeBlockAfter(markdown: string, marker: string): string {
  const at = markdown.indexOf(marker);
  if (at < 0) throw new Error(`marker not found: ${marker}`);
  const block = /^```[^\n]*\n([\s\S]*?)^```$/m.exec(markdown.slice(at));
  if (!block?.[1]) throw new Error(`no code block after: ${marker}`);
  return block[1];
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

/** The text at 1-based `line`:`column` of `text`. */
export function textAt(text: string, line: number, column: number, length: number): string {
  const lineText = text.split('\n')[line - 1] ?? '';
  return lineText.slice(column - 1, column - 1 + length);
}

/**
 * A deployment template with a scale set whose model holds a DSC extension. `nodeName` is the
 * configuration argument's value, the JSON string at line 25, column 61: anything but "localhost"
 * is an error of dsc-vmss-node-name, which `--fix` replaces with "localhost".
 */
export function scaleSetTemplate(nodeName: string): string {
  return `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.Compute/virtualMachineScaleSets",
      "apiVersion": "2024-07-01",
      "name": "web",
      "location": "westeurope",
      "sku": { "name": "Standard_D2s_v5", "capacity": 2 },
      "properties": {
        "upgradePolicy": { "mode": "Automatic" },
        "virtualMachineProfile": {
          "extensionProfile": {
            "extensions": [
              {
                "name": "Microsoft.Powershell.DSC",
                "properties": {
                  "publisher": "Microsoft.Powershell",
                  "type": "DSC",
                  "typeHandlerVersion": "2.83",
                  "autoUpgradeMinorVersion": true,
                  "settings": {
                    "configuration": { "url": "https://example.org/web.zip", "script": "web.ps1", "function": "Web" },
                    "configurationArguments": { "nodeName": ${JSON.stringify(nodeName)} }
                  }
                }
              }
            ]
          }
        }
      }
    }
  ]
}
`;
}

/**
 * A template whose error cannot be fixed automatically: the scale set's extensionProfile sits
 * directly under properties (line 12, column 9) instead of under properties.virtualMachineProfile,
 * an error of dsc-extension-placement.
 */
export const misplacedProfileTemplate = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.Compute/virtualMachineScaleSets",
      "apiVersion": "2024-07-01",
      "name": "web",
      "location": "westeurope",
      "sku": { "name": "Standard_D2s_v5", "capacity": 2 },
      "properties": {
        "extensionProfile": {
          "extensions": [
            {
              "name": "Microsoft.Powershell.DSC",
              "properties": {
                "publisher": "Microsoft.Powershell",
                "type": "DSC",
                "typeHandlerVersion": "2.83",
                "autoUpgradeMinorVersion": true,
                "settings": {
                  "configuration": { "url": "https://example.org/web.zip", "script": "web.ps1", "function": "Web" }
                }
              }
            }
          ]
        },
        "virtualMachineProfile": {
          "osProfile": { "computerNamePrefix": "web", "adminUsername": "azureuser" }
        }
      }
    }
  ]
}
`;
