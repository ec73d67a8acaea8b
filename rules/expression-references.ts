import { shortText, type CallExpression, type StringLiteral } from '../src/expression';
import { defineRule, type ReportDescriptor, type SuggestionDescriptor } from '../src/engine';
import type { ExpressionSite, FileModel, Template, UserFunction } from '../src/model';
import { contains, getObject, getProperty, type JsonValue } from '../src/parse';
import { callsOf, ESCAPE_BRACKET_MESSAGE, escapeBracketSuggestion, perExpression, replaceSpan, spanLocation, stringLiteral } from './shared/expressions';
import { closestName } from '../src/text/did-you-mean';

type MessageId =
  | 'undeclared'
  | 'undeclaredDidYouMean'
  | 'wrongKind'
  | 'innerScopeParameter'
  | 'innerScopeVariable'
  | 'outerScope'
  | 'functionParameter'
  | 'functionVariables'
  | 'policyParameter'
  | 'rename'
  | 'switchKind'
  | 'escapeBracket';

type Kind = 'parameters' | 'variables';

const SECTION: Record<Kind, { word: string; other: Kind }> = {
  parameters: { word: 'parameter', other: 'variables' },
  variables: { word: 'variable', other: 'parameters' },
};

const capitalized = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/** The template whose own `parameters` and `variables` a template's scope is (outer scope is the parent's). */
function scopeOwner(template: Template): Template {
  let owner = template;
  while (owner.scopeKind === 'outer' && owner.parent) owner = owner.parent;
  return owner;
}

/** The name as declared in `template`'s own section, whether or not the declaration is well-formed. */
function declaredIn(template: Template | undefined, kind: Kind, name: string): string | undefined {
  return getProperty(getObject(template?.node, kind), name)?.key.value;
}

/** The name as declared in the scope `template`'s expressions see, if it is declared there. */
function declaredInScope(template: Template, kind: Kind, name: string): string | undefined {
  const declarations: ReadonlyMap<string, { name: string }> = template.scope[kind];
  return declarations.get(name.toLowerCase())?.name ?? declaredIn(scopeOwner(template), kind, name);
}

/** Azure Policy definitions: their policy rule's `parameters('x')` names the definition's own parameters. */
const POLICY_DEFINITION_TYPE = /^microsoft\.authorization\/policy(?:set)?definitions$/i;

/** Whether `node` is inside a policy definition resource that declares parameter `name` in its properties. */
function isPolicyParameter(model: FileModel, node: JsonValue, name: string): boolean {
  return model.resources.some(
    (resource) =>
      resource.fullType !== undefined &&
      POLICY_DEFINITION_TYPE.test(resource.fullType) &&
      contains(resource.node, node) &&
      getProperty(getObject(getObject(resource.node, 'properties'), 'parameters'), name) !== undefined,
  );
}

/** `parameters('x')` / `variables('x')` with a literal name. */
interface Reference {
  call: CallExpression;
  kind: Kind;
  argument: StringLiteral;
}

const referencesOf = perExpression((expression) => {
  const references: Reference[] = [];
  for (const call of callsOf(expression)) {
    if (call.namespace !== undefined) continue;
    const kind = call.name.toLowerCase();
    const [argument] = call.args;
    if ((kind === 'parameters' || kind === 'variables') && argument?.kind === 'string') references.push({ call, kind, argument });
  }
  return references;
});

export default defineRule<MessageId>({
  meta: {
    id: 'expression-references',
    type: 'problem',
    severity: 'error',
    hasSuggestions: true,
    docs: { description: 'Require every parameters() and variables() reference to name a parameter or variable declared in its scope.' },
    messages: {
      undeclared: "{{Kind}} '{{name}}' is not declared in this template.",
      undeclaredDidYouMean: "{{Kind}} '{{name}}' is not declared in this template; did you mean '{{candidate}}'?",
      wrongKind: "'{{name}}' is declared as a {{declaredKind}}, not a {{kind}}: use {{replacement}}.",
      innerScopeParameter:
        "Parameter '{{name}}' is declared in the parent template, but this nested deployment has inner scope and sees only its own parameters: declare it in the nested template and pass its value in the deployment's properties.parameters.",
      innerScopeVariable:
        "Variable '{{name}}' is declared in the parent template, but this nested deployment has inner scope and sees only its own variables: declare it in the nested template.",
      outerScope:
        '{{Kind}} \'{{name}}\' is declared in the nested template, but this deployment has outer scope (the default), where expressions see only the parent template\'s {{kind}}s: set properties.expressionEvaluationOptions.scope to "inner".',
      functionParameter:
        "User-defined function '{{function}}' has no parameter '{{name}}' ({{declared}}); a function sees only its own parameters, not the template's.",
      functionVariables: "User-defined function '{{function}}' cannot use variables(); pass '{{name}}' in as a parameter of the function.",
      policyParameter:
        "Parameter '{{name}}' is a parameter of the policy definition, not of this template, but ARM evaluates this string when it deploys the definition; start the string with \"[[\" so that Azure Policy evaluates it.",
      rename: "Change the name to '{{candidate}}'.",
      switchKind: 'Use {{replacement}} instead.',
      escapeBracket: ESCAPE_BRACKET_MESSAGE,
    },
    schema: [],
  },
  create(context) {
    const { source, model } = context;

    /** A report at the name argument, with a rename suggestion when a declared name is close. */
    const renameSuggestion = (site: ExpressionSite, argument: StringLiteral, candidate: string): SuggestionDescriptor<MessageId> => ({
      messageId: 'rename',
      data: { candidate: shortText(candidate) },
      fix: () => replaceSpan(source, site.node, argument.span, stringLiteral(candidate)),
    });

    const checkInFunction = (site: ExpressionSite, fn: UserFunction, kind: Kind, argument: StringLiteral): void => {
      const location = spanLocation(source, site.node, argument.span);
      const data = { function: shortText(fn.namespace ? `${fn.namespace}.${fn.name}` : fn.name), name: shortText(argument.value) };
      if (kind === 'variables') {
        context.report({ location, messageId: 'functionVariables', data });
        return;
      }
      if (fn.parameters.has(argument.value.toLowerCase())) return;
      const declared = [...fn.parameters.values()];
      const candidate = closestName(argument.value, declared);
      context.report({
        location,
        messageId: 'functionParameter',
        data: { ...data, declared: declared.length > 0 ? shortText(`its parameters: ${declared.join(', ')}`) : 'it has no parameters' },
        suggest: candidate !== undefined ? [renameSuggestion(site, argument, candidate)] : undefined,
      });
    };

    const checkInTemplate = (site: ExpressionSite, kind: Kind, argument: StringLiteral, call: CallExpression): void => {
      const { template } = site;
      const name = argument.value;
      if (declaredInScope(template, kind, name) !== undefined) return;
      const { word, other } = SECTION[kind];
      const data = { Kind: capitalized(word), kind: word, name: shortText(name) };
      const report = (descriptor: Omit<ReportDescriptor<MessageId>, 'location' | 'node'>): void =>
        context.report({ location: spanLocation(source, site.node, argument.span), ...descriptor });

      const otherName = declaredInScope(template, other, name);
      if (otherName !== undefined) {
        const replacement = shortText(`${other}(${stringLiteral(otherName)})`);
        report({
          messageId: 'wrongKind',
          data: { ...data, declaredKind: SECTION[other].word, replacement },
          suggest: [{ messageId: 'switchKind', data: { replacement }, fix: () => replaceSpan(source, site.node, call.nameSpan, other) }],
        });
      } else if (template.scopeKind === 'inner' && template.parent && declaredInScope(template.parent, kind, name) !== undefined) {
        report({ messageId: kind === 'parameters' ? 'innerScopeParameter' : 'innerScopeVariable', data });
      } else if (template.scopeKind === 'outer' && declaredIn(template, kind, name) !== undefined) {
        report({ messageId: 'outerScope', data });
      } else if (kind === 'parameters' && isPolicyParameter(model, site.node, name)) {
        report({ messageId: 'policyParameter', data, suggest: [escapeBracketSuggestion(source, site.node)] });
      } else if (!(model.snippet && template.scope === model.root.scope)) {
        // Not in a snippet's own scope, whose names the template it is pasted into declares, or not.
        const candidate = closestName(name, [...template.scope[kind].values()].map((d) => d.name));
        if (candidate === undefined) report({ messageId: 'undeclared', data });
        else report({ messageId: 'undeclaredDidYouMean', data: { ...data, candidate: shortText(candidate) }, suggest: [renameSuggestion(site, argument, candidate)] });
      }
    };

    return {
      expression(site) {
        // A name read from text that does not parse may be a fragment: expression-syntax reports the text.
        if (site.parsed.errors.length > 0) return;
        for (const { call, kind, argument } of referencesOf(site.parsed.expression)) {
          if (site.userFunction) checkInFunction(site, site.userFunction, kind, argument);
          else checkInTemplate(site, kind, argument, call);
        }
      },
    };
  },
});
