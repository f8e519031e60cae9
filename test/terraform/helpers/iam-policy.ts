/**
 * A small evaluator for the policies the module renders, enough to ask "may this role do X to Y
 * given these request keys?". Supports what the module uses (Action/Resource wildcards,
 * StringEquals, StringLike, Bool, Null, the Arn operators, ForAnyValue: and ForAllValues: over a
 * multivalued key such as kms:ResourceAliases or aws:TagKeys) and throws on anything else, so a new
 * construct in a policy cannot make an assertion pass by being ignored. For a resource policy
 * (the backup vault's) it answers for any principal: put the caller in `aws:PrincipalArn`.
 */

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  /** Resource policies only; "*" (anyone) is all the evaluator supports. */
  Principal?: string | Record<string, string | string[]>;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version?: string;
  Statement: PolicyStatement | PolicyStatement[];
}

export interface AuthorizationRequest {
  action: string;
  resource: string;
  /** Request context keys, e.g. `aws:ResourceTag/AutoStopStart`; a multivalued key (kms:ResourceAliases) takes a list. */
  context?: Record<string, string | string[]>;
}

export type Decision = 'allowed' | 'explicitly denied' | 'implicitly denied';

const list = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

export function statementsOf(policy: PolicyDocument): PolicyStatement[] {
  return Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
}

export function actionsOf(statement: PolicyStatement): string[] {
  return [...list(statement.Action), ...list(statement.NotAction)];
}

function globMatches(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(value);
}

function conditionHolds(operator: string, key: string, expected: string[], context: Record<string, string | string[]>): boolean {
  const found = Object.entries(context).find(([name]) => name.toLowerCase() === key.toLowerCase())?.[1];
  // IAM: ForAnyValue holds when any of the key's values satisfies the operator (and not when it has none).
  if (operator.startsWith('ForAnyValue:')) return list(found).some((value) => conditionHolds(operator.slice('ForAnyValue:'.length), key, expected, { [key]: value }));
  // IAM: ForAllValues holds when every value satisfies the operator, and also when the request has none.
  if (operator.startsWith('ForAllValues:')) return list(found).every((value) => conditionHolds(operator.slice('ForAllValues:'.length), key, expected, { [key]: value }));
  if (Array.isArray(found)) throw new Error(`iam-policy evaluator: ${key} has several values; only a ForAnyValue: or ForAllValues: operator may test it`);
  const actual = found;
  // IAM: Null "true" holds when the request lacks the key, "false" when it has it (any value).
  if (operator === 'Null') return expected.every((v) => (v.toLowerCase() === 'true') === (actual === undefined));
  // IAM: a negated operator holds when the key is absent from the request; any other does not.
  if (actual === undefined) return operator === 'ArnNotEquals' || operator === 'ArnNotLike';
  switch (operator) {
    case 'StringEquals':
      return expected.includes(actual);
    case 'StringLike':
      return expected.some((pattern) => globMatches(pattern, actual, false));
    case 'Bool':
      return expected.map((v) => v.toLowerCase()).includes(actual.toLowerCase());
    // ArnEquals and ArnLike behave alike in IAM: both take * and ? in the value.
    case 'ArnEquals':
    case 'ArnLike':
      return expected.some((pattern) => globMatches(pattern, actual, false));
    case 'ArnNotEquals':
    case 'ArnNotLike':
      return !expected.some((pattern) => globMatches(pattern, actual, false));
    default:
      throw new Error(`iam-policy evaluator: condition operator ${operator} is not supported; extend it before relying on it`);
  }
}

function applies(statement: PolicyStatement, request: AuthorizationRequest): boolean {
  if (statement.NotAction || statement.NotResource) {
    throw new Error('iam-policy evaluator: NotAction/NotResource are not supported; extend it before relying on it');
  }
  if (statement.Principal !== undefined && statement.Principal !== '*') {
    throw new Error('iam-policy evaluator: a Principal other than "*" is not supported; extend it before relying on it');
  }
  if (!list(statement.Action).some((pattern) => globMatches(pattern, request.action, true))) return false;
  if (!list(statement.Resource).some((pattern) => globMatches(pattern, request.resource, false))) return false;
  const context = request.context ?? {};
  return Object.entries(statement.Condition ?? {}).every(([operator, keys]) =>
    Object.entries(keys).every(([key, values]) => conditionHolds(operator, key, list(values), context)),
  );
}

/** IAM's rule: an explicit Deny wins, then any Allow, else implicitly denied. */
export function evaluate(policy: PolicyDocument, request: AuthorizationRequest): Decision {
  const matching = statementsOf(policy).filter((s) => applies(s, request));
  if (matching.some((s) => s.Effect === 'Deny')) return 'explicitly denied';
  if (matching.some((s) => s.Effect === 'Allow')) return 'allowed';
  return 'implicitly denied';
}
