import { basename } from 'node:path';
import { alternativesOf, knownString, parseTemplateString, quoted, shortText, type Expression } from '../src/expression';
import { defineRule } from '../src/engine';
import type { Template } from '../src/model';
import { getObject, getProperty, getValue, type JsonProperty, type JsonValue } from '../src/parse';

const LOCATION = '_artifactsLocation';
const SAS_TOKEN = '_artifactsLocationSasToken';
/** Types arm-ttk accepts for each parameter (lower-cased; ARM compares types case-insensitively). */
const LOCATION_TYPES = new Set(['string', 'securestring']);
const SAS_TOKEN_TYPES = new Set(['securestring']);
/** Raw GitHub folders of the quickstart repositories, which arm-ttk accepts as a main template's default. */
const QUICKSTART_RAW_PREFIXES = [
  'https://raw.githubusercontent.com/azure/azure-quickstart-templates/',
  'https://raw.githubusercontent.com/azure/azurestack-quickstart-templates/',
];
/**
 * File names of main templates (quickstart, Marketplace, Bicep output). Another file's root
 * template may be a linked template, which must have no defaults: it is not told to have one.
 */
const MAIN_TEMPLATE_FILE = /^(azuredeploy|maintemplate|main)\.jsonc?$/i;

interface ArtifactsParameter {
  property: JsonProperty;
  /** The name as declared. */
  name: string;
  type: JsonValue | undefined;
  defaultValue: JsonProperty | undefined;
}

function artifactsParameter(template: Template, name: string): ArtifactsParameter | undefined {
  const property = getProperty(getObject(template.node, 'parameters'), name);
  if (!property) return undefined;
  const declaration = property.value?.kind === 'object' ? property.value : undefined;
  return { property, name: property.key.value, type: getValue(declaration, 'type'), defaultValue: getProperty(declaration, 'defaultValue') };
}

/** True when an expression reads `deployment().properties.templateLink` (the template's own URL). */
function readsTemplateLink(expression: Expression | undefined): boolean {
  const stack = expression ? [expression] : [];
  for (let current = stack.pop(); current; current = stack.pop()) {
    switch (current.kind) {
      case 'member': {
        const { source } = current;
        if (
          current.property.toLowerCase() === 'templatelink' &&
          source.kind === 'member' &&
          source.property.toLowerCase() === 'properties' &&
          source.source.kind === 'call' &&
          source.source.name.toLowerCase() === 'deployment'
        ) {
          return true;
        }
        stack.push(source);
        break;
      }
      case 'call':
        stack.push(...current.args);
        break;
      case 'index':
        stack.push(current.source, current.index);
        break;
    }
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'artifacts-parameters',
    type: 'problem',
    severity: 'error',
    docs: { description: 'Require the _artifactsLocation and _artifactsLocationSasToken parameters together, with the types and default values arm-ttk expects.' },
    messages: {
      missingPartner: '{{present}} is declared without {{missing}}: declare both parameters (the artifacts location and its SAS token), or neither.',
      locationType: '{{name}} has type {{type}}; declare it as "string".',
      sasTokenType: '{{name}} has type {{type}}; declare it as "securestring", so that the token is not shown in the deployment history.',
      locationNoDefault:
        '{{name}} has no default value; in a main template, default it to "[deployment().properties.templateLink.uri]", so that artifacts are read from where the template was deployed from.',
      locationWrongDefault:
        '{{name}} defaults to {{value}}; a main template defaults it to "[deployment().properties.templateLink.uri]" (or its quickstart folder\'s raw GitHub URL), and a linked template gives it no default.',
      sasTokenNoDefault: '{{name}} has no default value; in a main template, default it to "", so that the template deploys from a public location without a token.',
      sasTokenNotEmpty: '{{name}} has a default value that is not ""; a SAS token must not be written into the template: default it to "".',
      nestedDefault: '{{name}} has a default value in an inner-scope nested template; the parent deployment passes it in properties.parameters, so remove the default.',
    },
    schema: [],
  },
  create(context) {
    const { model } = context;
    const isMainFile = MAIN_TEMPLATE_FILE.test(basename(context.filePath));

    const checkType = (parameter: ArtifactsParameter, accepted: ReadonlySet<string>, messageId: 'locationType' | 'sasTokenType'): void => {
      const type = parameter.type;
      if (type?.kind !== 'string' || accepted.has(type.value.toLowerCase())) return;
      context.report({ node: type, messageId, data: { name: shortText(parameter.name), type: quoted(type.value) } });
    };

    /** A main template's _artifactsLocation default: the template's own link, or a quickstart folder. */
    const checkLocationDefault = (parameter: ArtifactsParameter): void => {
      const node = parameter.defaultValue?.value;
      if (!node) return;
      const parsed = node.kind === 'string' ? parseTemplateString(node.value) : undefined;
      if (parsed?.kind === 'expression' && readsTemplateLink(parsed.expression)) return;
      const value = model.evaluate(node);
      const texts = alternativesOf(value).map(knownString);
      // A value known only at deployment is not reported.
      if (texts.some((text) => text === undefined || QUICKSTART_RAW_PREFIXES.some((prefix) => text.toLowerCase().startsWith(prefix)))) return;
      const shown = [...new Set(texts)].map((text) => quoted(text!)).join(' or ');
      context.report({ node, messageId: 'locationWrongDefault', data: { name: shortText(parameter.name), value: shown } });
    };

    /** The SAS token's default, wherever declared, is empty: a token must not be in the template. */
    const checkSasTokenNotEmpty = (parameter: ArtifactsParameter): void => {
      const node = parameter.defaultValue?.value;
      if (!node) return;
      const texts = alternativesOf(model.evaluate(node)).map(knownString);
      if (texts.some((text) => text === undefined) || texts.every((text) => text === '')) return;
      context.report({ node, messageId: 'sasTokenNotEmpty', data: { name: shortText(parameter.name) } });
    };

    return {
      template(template) {
        // An outer-scope nested template sees its parent's parameters; it declares none of its own.
        if (template.scopeKind === 'outer') return;
        const location = artifactsParameter(template, LOCATION);
        const sasToken = artifactsParameter(template, SAS_TOKEN);
        if (!location && !sasToken) return;
        if (!location || !sasToken) {
          const present = (location ?? sasToken)!;
          const missing = location ? SAS_TOKEN : LOCATION;
          context.report({ node: present.property.key, messageId: 'missingPartner', data: { present: shortText(present.name), missing } });
        }
        if (location) checkType(location, LOCATION_TYPES, 'locationType');
        if (sasToken) checkType(sasToken, SAS_TOKEN_TYPES, 'sasTokenType');

        if (template.scopeKind === 'inner') {
          // A nested template is given both values; arm-ttk lets an empty default pass.
          for (const parameter of [location, sasToken]) {
            const node = parameter?.defaultValue?.value;
            if (node && knownString(model.evaluate(node)) !== '') context.report({ node, messageId: 'nestedDefault', data: { name: shortText(parameter.name) } });
          }
          return;
        }
        if (location) {
          if (location.defaultValue) checkLocationDefault(location);
          else if (isMainFile) context.report({ node: location.property.key, messageId: 'locationNoDefault', data: { name: shortText(location.name) } });
        }
        if (sasToken) {
          if (sasToken.defaultValue) checkSasTokenNotEmpty(sasToken);
          else if (isMainFile) context.report({ node: sasToken.property.key, messageId: 'sasTokenNoDefault', data: { name: shortText(sasToken.name) } });
        }
      },
    };
  },
});
