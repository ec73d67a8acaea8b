import { relative } from 'node:path';
import type { DscExtension } from '../../src/model';
import type { RuleContext, RuleListeners, RunContext } from '../../src/engine';
import type { SourceLocation } from '../../src/parse';

/** One DSC extension's value of the setting that must agree across extensions. */
export interface Observation {
  /** Normalised value that is compared. */
  value: string;
  /** The value as shown in messages. */
  shown: string;
  filePath: string;
  location: SourceLocation;
}

/** `betterThanCommon`: the odd value is the better one, so the message suggests changing the others. */
export type ConsistencyMessageId = 'differs' | 'betterThanCommon';

export interface ConsistencySetting {
  /** The extension's value, or undefined when it is not known. */
  observe: (dsc: DscExtension, context: RuleContext<ConsistencyMessageId>) => Observation | undefined;
  /** Ranks values for ties: prefer(a, b) > 0 means a wins. */
  prefer: (a: string, b: string) => number;
  /** Whether `value` is better than the common value `expected` (a newer version, the recommended value). */
  isBetter: (value: string, expected: string) => boolean;
}

export const CONSISTENCY_SCHEMA = [
  {
    type: 'object',
    properties: { scope: { enum: ['file', 'run'] } },
    additionalProperties: false,
  },
];

export const CONSISTENCY_DEFAULTS = [{ scope: 'file' }];

/**
 * Every observation that differs from the most common value. Ties go to the value `prefer`
 * ranks higher (prefer(a, b) > 0 means a wins).
 */
export function findOutliers(observations: readonly Observation[], prefer: (a: string, b: string) => number) {
  const byValue = new Map<string, Observation[]>();
  for (const observation of observations) {
    const group = byValue.get(observation.value);
    if (group) group.push(observation);
    else byValue.set(observation.value, [observation]);
  }
  if (byValue.size < 2) return [];
  const [expected, group] = [...byValue].sort(([a, aGroup], [b, bGroup]) => bGroup.length - aGroup.length || prefer(b, a))[0]!;
  return observations.filter((o) => o.value !== expected).map((observation) => ({ observation, expected: group[0]!, count: group.length }));
}

/**
 * Listeners and cross-file phase shared by the consistency rules: observe each DSC extension,
 * then report outliers per file (`scope: "file"`) or over the whole run (`scope: "run"`).
 */
export function consistencyRule({ observe, prefer, isBetter }: ConsistencySetting) {
  const describe = (outlier: ReturnType<typeof findOutliers>[number], where: string) => ({
    messageId: isBetter(outlier.observation.value, outlier.expected.value) ? ('betterThanCommon' as const) : ('differs' as const),
    data: { value: outlier.observation.shown, expected: outlier.expected.shown, count: outlier.count, where },
  });
  return {
    create(context: RuleContext<ConsistencyMessageId>): RuleListeners {
      const observations: Observation[] = [];
      const { scope } = context.options[0] as { scope: 'file' | 'run' };
      return {
        dscExtension(dsc) {
          const observation = observe(dsc, context);
          if (observation) observations.push(observation);
        },
        'file:exit'() {
          if (scope === 'run') {
            context.keepForRun(observations);
            return;
          }
          for (const outlier of findOutliers(observations, prefer)) {
            context.report({ location: outlier.observation.location, ...describe(outlier, `line ${outlier.expected.location.line}`) });
          }
        },
      };
    },
    finishRun(context: RunContext<ConsistencyMessageId>): void {
      const all = context.kept<Observation[]>().flatMap((k) => k.data);
      for (const outlier of findOutliers(all, prefer)) {
        const { filePath, location } = outlier.expected;
        const where = `${relative(context.cwd, filePath).split('\\').join('/')}:${location.line}`;
        context.report({ filePath: outlier.observation.filePath, location: outlier.observation.location, ...describe(outlier, where) });
      }
    },
  };
}
