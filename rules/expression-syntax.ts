import { BUILT_IN_FUNCTIONS, isBuiltInFunction, isSecretParameter, shortText, type CallExpression, type Expression, type ExpressionError } from '../src/expression';
import { defineRule } from '../src/engine';
import type { ExpressionSite, FileModel } from '../src/model';
import { getObject, getString } from '../src/parse';
import { callsOf, ESCAPE_BRACKET_MESSAGE, escapeBracketSuggestion, perExpression, replaceSpan, spanLocation } from './shared/expressions';
import { closestName } from '../src/text/did-you-mean';

/** Functions of Azure Policy rules: ARM does not know them, Policy evaluates them later. */
const POLICY_FUNCTIONS = new Set(['adddays', 'current', 'field', 'iprangecontains', 'policy', 'requestcontext']);

type MessageId =
  | 'syntaxError'
  | 'bracketedText'
  | 'secretExpression'
  | 'unknownFunction'
  | 'unknownFunctionDidYouMean'
  | 'policyFunction'
  | 'missingNamespace'
  | 'escapeBracket'
  | 'renameFunction'
  | 'addNamespace';

/** Bicep checked the function names of the templates it generates against ARM's list of its day. */
function isGeneratedByBicep(model: FileModel): boolean {
  const generator = getObject(getObject(model.root.node, 'metadata'), '_generator');
  return getString(generator, 'name')?.toLowerCase() === 'bicep';
}

const NO_CALLS: readonly CallExpression[] = [];

/** Calls of built-in functions that ARM does not have. A namespaced call is a user-defined function. */
const unknownCallsOf = perExpression((expression) => callsOf(expression).filter((call) => call.namespace === undefined && !isBuiltInFunction(call.name)));

/** The fault a reader should fix first: the earliest error (later ones often follow from it). */
function firstError(errors: readonly ExpressionError[]): ExpressionError | undefined {
  let first: ExpressionError | undefined;
  for (const error of errors) if (!first || error.span.start < first.span.start) first = error;
  return first;
}

/** The secure parameter whose declaration (default value, allowed values) holds `node`, if any. */
function secureParameterHolding(model: FileModel, site: ExpressionSite): string | undefined {
  const origin = model.declarationContaining(site.node);
  if (origin?.kind !== 'parameter') return undefined;
  const declaration = site.template.scope.parameters.get(origin.name.toLowerCase());
  return declaration && isSecretParameter(declaration) ? declaration.name : undefined;
}

/** Whether an expression is a function call, or a property or item of one (`listKeys(…).keys[0]`). */
function startsWithCall(expression: Expression | undefined): boolean {
  let current = expression;
  while (current?.kind === 'member' || current?.kind === 'index') current = current.source;
  return current?.kind === 'call';
}

export default defineRule<MessageId>({
  meta: {
    id: 'expression-syntax',
    type: 'problem',
    severity: 'error',
    hasSuggestions: true,
    docs: { description: 'Require every template expression to parse and to call only functions that ARM knows.' },
    messages: {
      syntaxError: 'Template expression does not parse: {{detail}}.',
      bracketedText:
        'This string starts with "[" and ends with "]", so ARM evaluates it as an expression, and it does not parse ({{detail}}); start it with "[[" if it is meant as literal text.',
      secretExpression:
        'This value of secure parameter \'{{parameter}}\' starts with "[" and ends with "]", so ARM evaluates it as an expression, which fails; start it with "[[" if it is meant as literal text.',
      unknownFunction: "'{{name}}' is not a template function ARM knows.",
      unknownFunctionDidYouMean: "'{{name}}' is not a template function ARM knows; did you mean '{{candidate}}'?",
      policyFunction:
        "'{{name}}' is an Azure Policy function, which the deployment cannot evaluate; in a policy definition, start the string with \"[[\" so that Azure Policy evaluates it.",
      missingNamespace: "'{{name}}' is a user-defined function of this template: call it with its namespace, as {{qualified}}().",
      escapeBracket: ESCAPE_BRACKET_MESSAGE,
      renameFunction: "Call '{{candidate}}' instead.",
      addNamespace: 'Call {{qualified}}() instead.',
    },
    schema: [
      {
        type: 'object',
        properties: { additionalFunctions: { type: 'array', items: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' } } },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ additionalFunctions: [] }],
  },
  create(context) {
    const { model, source } = context;
    const { additionalFunctions } = context.options[0] as { additionalFunctions: string[] };
    const extraFunctions = new Set(additionalFunctions.map((name) => name.toLowerCase()));
    const candidates = [...BUILT_IN_FUNCTIONS, ...additionalFunctions];
    // ARM calls a user-defined function only with its namespace: `contoso.uniqueName()`.
    const qualifiedNames = new Map<string, string>();
    for (const template of model.templates) for (const fn of template.functions) qualifiedNames.set(fn.name.toLowerCase(), `${fn.namespace}.${fn.name}`);
    const checkFunctionNames = !isGeneratedByBicep(model);

    const reportSyntax = (site: ExpressionSite, error: ExpressionError): void => {
      const location = spanLocation(source, site.node, error.span);
      // The parser's message is ours; the template text it quotes is shortened already.
      const detail = error.message;
      // Text that is no function call at all is more often prose in brackets than a broken expression.
      if (!startsWithCall(site.parsed.expression)) context.report({ location, messageId: 'bracketedText', data: { detail }, suggest: [escapeBracketSuggestion(source, site.node)] });
      else context.report({ location, messageId: 'syntaxError', data: { detail } });
    };

    const reportUnknownFunction = (site: ExpressionSite, call: CallExpression): void => {
      const location = spanLocation(source, site.node, call.nameSpan);
      const name = shortText(call.name);
      if (POLICY_FUNCTIONS.has(call.name.toLowerCase())) {
        context.report({ location, messageId: 'policyFunction', data: { name }, suggest: [escapeBracketSuggestion(source, site.node)] });
        return;
      }
      const qualified = qualifiedNames.get(call.name.toLowerCase());
      if (qualified !== undefined) {
        const shown = shortText(qualified);
        context.report({
          location,
          messageId: 'missingNamespace',
          data: { name, qualified: shown },
          suggest: [{ messageId: 'addNamespace', data: { qualified: shown }, fix: () => replaceSpan(source, site.node, call.nameSpan, qualified) }],
        });
        return;
      }
      const candidate = closestName(call.name, candidates);
      if (candidate === undefined) {
        context.report({ location, messageId: 'unknownFunction', data: { name } });
        return;
      }
      context.report({
        location,
        messageId: 'unknownFunctionDidYouMean',
        data: { name, candidate },
        suggest: [{ messageId: 'renameFunction', data: { candidate }, fix: () => replaceSpan(source, site.node, call.nameSpan, candidate) }],
      });
    };

    return {
      expression(site) {
        const error = firstError(site.parsed.errors);
        let unknownCalls = checkFunctionNames ? unknownCallsOf(site.parsed.expression) : NO_CALLS;
        if (extraFunctions.size > 0 && unknownCalls.length > 0) unknownCalls = unknownCalls.filter((call) => !extraFunctions.has(call.name.toLowerCase()));
        if (!error && unknownCalls.length === 0) return;
        const parameter = secureParameterHolding(model, site);
        if (parameter !== undefined) {
          // The parser's detail and a function name quote the text, and a position inside it tells its shape.
          context.report({ node: site.node, messageId: 'secretExpression', data: { parameter: shortText(parameter) }, suggest: [escapeBracketSuggestion(source, site.node)] });
          return;
        }
        if (error) reportSyntax(site, error);
        for (const call of unknownCalls) reportUnknownFunction(site, call);
      },
    };
  },
});
