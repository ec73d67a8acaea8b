import {
  alternativesOf,
  displayValue,
  knownString,
  parseTemplateString,
  quoted,
  shortText,
  type StringValue,
  type CallExpression,
  type Expression,
} from '../src/expression';
import { defineRule } from '../src/engine';
import type { DscExtension, FileModel } from '../src/model';
import type { JsonProperty, JsonString, JsonValue } from '../src/parse';
import { spanLocation } from './shared/expressions';

/** Functions arm-ttk's "URIs Should Be Properly Constructed" rejects as the builder of a URL. */
const CONCATENATING_FUNCTIONS = new Set(['concat', 'format']);
/** Variables followed to find the function that built a URL; deeper chains are not looked into. */
const MAX_VARIABLE_HOPS = 8;
/** A SAS query (`sv=…&`, `sp=r&`) in a URL's path: its `?` is missing. */
const SAS_QUERY_IN_PATH = /(?:sv|sig|sp|se|st|sr|spr|srt|ss)=[^&/?]*&/i;

interface UrlSetting {
  property: JsonProperty | undefined;
  path: string;
  /** The file type the extension downloads from this URL. */
  extension: '.zip' | '.psd1';
}

/** A concat()/format() call that builds a URL, and the string it is written in. */
interface UrlBuilder {
  call: CallExpression;
  node: JsonString;
  /** The variable the call is written in, when the URL comes through variables(). */
  variable: string | undefined;
}

/** What a URL string shows of its end: the literal path text before the query, if known. */
interface UrlEnd {
  /** Literal text at the end of the path (after the last unknown part), '' when unknown. */
  tail: string;
  /** The tail starts right after an unknown part, so its first segment is incomplete. */
  afterHole: boolean;
  /** A SAS query is joined to the path without `?`. */
  unmarkedQuery: boolean;
}

/**
 * The calls that produce a URL expression's value: its root call, both branches of an if(), and
 * what a variables() reference stands for, followed through variables.
 */
function urlBuilders(model: FileModel, node: JsonValue, hops = 0, variable?: string): UrlBuilder[] {
  if (node.kind !== 'string' || hops > MAX_VARIABLE_HOPS) return [];
  const parsed = parseTemplateString(node.value);
  if (parsed.kind !== 'expression' || parsed.errors.length > 0) return [];
  const builders: UrlBuilder[] = [];
  const roots: Array<Expression | undefined> = [parsed.expression];
  while (roots.length > 0) {
    const root = roots.pop();
    if (root?.kind !== 'call' || root.namespace !== undefined) continue;
    const name = root.name.toLowerCase();
    if (CONCATENATING_FUNCTIONS.has(name)) builders.push({ call: root, node, variable });
    else if (name === 'if') roots.push(root.args[1], root.args[2]);
    else if (name === 'variables' && root.args[0]?.kind === 'string') {
      const declaration = model.templateOf(node).scope.variables.get(root.args[0].value.toLowerCase());
      if (declaration?.value) builders.push(...urlBuilders(model, declaration.value, hops + 1, declaration.name));
    }
  }
  return builders;
}

/**
 * The end of a URL's path as far as it is known. The query starts at the first `?` or at a secret
 * part (a SAS token, which by convention brings its own `?`).
 */
function urlEnd(parts: StringValue['parts']): UrlEnd {
  let tail = '';
  let afterHole = false;
  let pathText = '';
  const end = (unmarkedQuery: boolean): UrlEnd => ({ tail, afterHole, unmarkedQuery: unmarkedQuery || SAS_QUERY_IN_PATH.test(pathText) });
  for (const part of parts) {
    if (typeof part === 'string') {
      const query = part.indexOf('?');
      const path = query >= 0 ? part.slice(0, query) : part;
      tail += path;
      pathText += path;
      if (query >= 0) return end(false);
    } else if (part.secret) {
      return end(tail.endsWith('&'));
    } else {
      tail = '';
      afterHole = true;
    }
  }
  return end(false);
}

/** The last path segment of a URL's known end, as messages show it (`"WebServer.ps1"`, `"dsc/"`). */
function lastSegment({ tail, afterHole }: UrlEnd): string {
  const start = tail.lastIndexOf('/', tail.length - 2) + 1;
  return quoted(`${start === 0 && afterHole ? '…' : ''}${tail.slice(start)}`);
}

export default defineRule({
  meta: {
    id: 'dsc-configuration-url',
    type: 'problem',
    severity: 'warn',
    docs: { description: 'Require DSC configuration URLs built with uri() that name a .zip archive, and a configuration script that is a .ps1 file.' },
    messages: {
      concatenated:
        '{{urlPath}} is built with {{function}}(){{where}}; build it with uri(), which resolves the relative path against the base URI (arm-ttk: URIs Should Be Properly Constructed).',
      wrongFileType: '{{urlPath}} ends in {{ending}}, not "{{extension}}": it must name {{what}}.',
      queryWithoutQuestionMark:
        '{{urlPath}} joins a SAS query to the path without "?", so the token becomes part of the file name and the download fails; start the query with "?".',
      scriptNotPs1: 'settings.configuration.script is {{value}}, which does not end in ".ps1": it names the PowerShell script at the root of the archive that defines the configuration.',
    },
    schema: [],
  },
  create(context) {
    const { model, source } = context;

    const checkBuilders = (dsc: DscExtension, setting: UrlSetting, node: JsonValue): void => {
      for (const { call, node: written, variable } of urlBuilders(model, node)) {
        context.report({
          location: spanLocation(source, written, call.nameSpan),
          subject: dsc.extension.node,
          messageId: 'concatenated',
          data: { urlPath: setting.path, function: call.name, where: variable === undefined ? '' : ` in variables('${shortText(variable)}')` },
        });
      }
    };

    const checkValue = (dsc: DscExtension, setting: UrlSetting, node: JsonValue): void => {
      const options = alternativesOf(model.evaluate(node));
      const ends = options.map((option) => (option.kind === 'string' && option.parts.length > 0 ? urlEnd(option.parts) : undefined));
      if (ends.some((end) => end === undefined)) return;
      const known = ends as UrlEnd[];
      if (known.every((end) => end.unmarkedQuery)) {
        context.report({ node, subject: dsc.extension.node, messageId: 'queryWithoutQuestionMark', data: { urlPath: setting.path } });
        return;
      }
      // Report only when every value the URL can take has a known end of the wrong type.
      if (known.some((end) => end.unmarkedQuery || end.tail === '' || end.tail.toLowerCase().endsWith(setting.extension))) return;
      const endings = options.map((option, i) => (option.secret ? displayValue(option) : lastSegment(known[i]!)));
      context.report({
        node,
        subject: dsc.extension.node,
        messageId: 'wrongFileType',
        data: {
          urlPath: setting.path,
          ending: [...new Set(endings)].join(' or '),
          extension: setting.extension,
          what: setting.extension === '.zip' ? 'the .zip archive that holds the configuration script at its root' : 'a PowerShell data file (.psd1) of configuration data',
        },
      });
    };

    const checkScript = (dsc: DscExtension): void => {
      const node = dsc.configuration.script?.value;
      if (!node) return;
      const value = model.evaluate(node);
      const names = alternativesOf(value).map(knownString);
      if (names.some((name) => name === undefined || name === '' || name.toLowerCase().endsWith('.ps1'))) return;
      const shown = value.secret ? displayValue(value) : [...new Set(names)].map((name) => quoted(name!)).join(' or ');
      context.report({ node, subject: dsc.extension.node, messageId: 'scriptNotPs1', data: { value: shown } });
    };

    return {
      dscExtension(dsc) {
        const settings: UrlSetting[] = [
          { property: dsc.configuration.url, path: 'settings.configuration.url', extension: '.zip' },
          { property: dsc.configurationData.url, path: 'settings.configurationData.url', extension: '.psd1' },
          { property: dsc.legacy.modulesUrl, path: 'settings.ModulesUrl', extension: '.zip' },
        ];
        for (const setting of settings) {
          const node = setting.property?.value;
          if (!node) continue;
          checkBuilders(dsc, setting, node);
          checkValue(dsc, setting, node);
        }
        checkScript(dsc);
      },
    };
  },
});
