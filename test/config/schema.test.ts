/** schema/armdsclintrc.schema.json is generated from the rules' metadata: it must not be stale, and it must accept what the loader accepts. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { rules } from '../../src/index';
import { configSchema } from '../../src/config/schema';

const committed = JSON.parse(readFileSync(join(__dirname, '../../schema/armdsclintrc.schema.json'), 'utf8')) as object;

describe('schema/armdsclintrc.schema.json', () => {
  it('is what the rules generate (run `npm run schema` after changing a rule)', () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(configSchema(rules))));
  });

  const validate = new Ajv2020({ strict: false }).compile(committed);

  it('accepts a config with every feature', () => {
    const config = {
      root: true,
      extends: 'armdsc-lint:all',
      rules: { 'dsc-sas-token': 'warn', 'dsc-consistent-auto-upgrade': ['warn', { scope: 'run' }], 'dsc-vmss-node-name': 0 },
      overrides: [{ files: ['legacy/**'], rules: { 'dsc-legacy-settings': 'off' } }],
      ignores: ['generated/'],
      parameters: { pairing: false, files: { 'templates/*.json': 'env/dev.json' } },
    };
    expect(validate(config)).toBe(true);
  });

  it.each([
    [{ rules: { 'dsc-vmss-nodename': 'error' } }],
    [{ rules: { 'dsc-sas-token': 'loud' } }],
    [{ rules: { 'dsc-consistent-auto-upgrade': ['warn', { scope: 'repo' }] } }],
    [{ rules: { 'dsc-sas-token': ['warn', { unexpected: true }] } }],
    [{ rulez: {} }],
    [{ overrides: [{ rules: {} }] }],
  ])('rejects %j', (config) => {
    expect(validate(config)).toBe(false);
  });
});
