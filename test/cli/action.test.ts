/**
 * action.yml, the composite GitHub Action: its steps are run here as the runner would run them
 * (bash, the inputs as environment variables, GITHUB_ACTION_PATH at this repository), except
 * actions/setup-node, which needs GitHub's runner.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { workspace } from '../support/cli';
import { scaleSetTemplate, template } from '../support/lint';

const root = join(__dirname, '..', '..');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
}

const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as { runs: { using: string; steps: Step[] }; inputs: Record<string, { default: string }> };

/** Run every `run:` step with the inputs given (others at their defaults); the last step's output. */
function runAction(inputs: Record<string, string>, cwd: string) {
  const values = { ...Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, input.default])), ...inputs };
  const substitute = (text: string) => text.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => values[name] ?? '');
  let last = { status: 0 as number | null, stdout: '', stderr: '' };
  for (const step of action.runs.steps) {
    if (!step.run) continue;
    const env = { ...process.env, GITHUB_ACTION_PATH: root, NO_COLOR: '1', ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, substitute(v)])) };
    last = spawnSync('bash', ['-e', '-c', substitute(step.run)], { cwd, env, encoding: 'utf8' });
    if (last.status !== 0 && step !== action.runs.steps[action.runs.steps.length - 1]) throw new Error(`${step.name}: ${last.stderr}`);
  }
  return last;
}

const scaleSet = scaleSetTemplate('web0');

describe('action.yml', () => {
  it('is a composite action whose only non-shell step is actions/setup-node', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.runs.steps.filter((s) => s.uses).map((s) => s.uses)).toEqual(['actions/setup-node@v4']);
  });

  it('prints annotations, writes SARIF, and fails the step on errors', () => {
    const cwd = workspace({ 'templates/web.json': scaleSet, 'templates/ok.json': template({ resources: [] }) });
    const run = runAction({ patterns: 'templates/**/*.json', 'sarif-file': 'results/armdsc.sarif' }, cwd);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^::error file=templates\/web\.json,line=\d+,endLine=\d+,col=\d+,endColumn=\d+,title=dsc-vmss-node-name::Scale set DSC nodeName is "web0"/m);
    const sarif = JSON.parse(readFileSync(join(cwd, 'results/armdsc.sarif'), 'utf8')) as { version: string; runs: Array<{ results: unknown[] }> };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results).toHaveLength(1);
  });

  it('passes args through, and succeeds on clean templates', () => {
    const cwd = workspace({ 'web.json': scaleSet });
    const run = runAction({ annotations: 'false', args: '--rule dsc-vmss-node-name:off' }, cwd);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
  });
});
