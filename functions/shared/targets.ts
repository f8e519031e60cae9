/**
 * Targets: the (account, region) pairs a run acts on, the one concept both workflows fan out
 * over. An account comes from TARGET_ACCOUNTS or from AWS Organizations (every ACTIVE account under
 * ORGANIZATION_UNIT_IDS, recursively); with neither configured, the deployment account alone, as
 * before targets existed. Every account is paired with every TARGET_REGIONS region. The list is
 * written to S3 as a JSON array, which a Distributed Map's ItemReader reads item by item.
 */
import {
  paginateListAccounts,
  paginateListAccountsForParent,
  paginateListChildren,
  type Account,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import type { TargetsConfig } from './config';
import { asStepError, awsErrorCode, ConfigError, isAccountAccessError, isThrottling, isTransient } from './errors';
import type { DecisionLog } from './logger';
import type { ReportStore } from './report-store';

export interface Target {
  accountId: string;
  region: string;
}

/** How targets are named in logs, messages and S3 keys: `111122223333/us-east-1`. */
export function targetLabel(target: Target): string {
  return `${target.accountId}/${target.region}`;
}

export interface ResolveDeps {
  /** The account the functions run in (STS GetCallerIdentity, learned once per process). */
  deploymentAccountId(): Promise<string>;
  organizations: Pick<OrganizationsClient, 'send'>;
  log: DecisionLog;
}

const ORGANIZATIONS_CONFIG_ERRORS: Record<string, string> = {
  ParentNotFoundException: 'names an organizational unit that does not exist in the organization',
  AWSOrganizationsNotInUseException: 'is set but the deployment account is not in an organization',
  AccessDeniedException:
    'needs organizations:ListChildren and organizations:ListAccountsForParent, which only the management account or a delegated administrator may call',
  InvalidInputException: 'names something that is not an organizational unit or root id',
};

function organizationsError(error: unknown, what: string): Error {
  if (isThrottling(error) || isTransient(error)) return asStepError(error, what);
  const explained = ORGANIZATIONS_CONFIG_ERRORS[awsErrorCode(error)];
  if (!explained) return asStepError(error, what);
  const detail = error instanceof Error ? error.message : String(error);
  return new ConfigError('ORGANIZATION_UNIT_IDS', `${explained} (${what}: ${awsErrorCode(error)}: ${detail})`);
}

/** Newer answers say State, older ones (and moto) Status; both are ACTIVE for a usable account. */
function isActive(account: Account): boolean {
  return (account.State ?? account.Status) === 'ACTIVE';
}

/**
 * Every ACTIVE account under the given organizational units (or root), at any depth: each unit's
 * child units are visited too. Every page of ListChildren and ListAccountsForParent is read.
 */
export async function accountsUnder(organizations: Pick<OrganizationsClient, 'send'>, parentIds: readonly string[]): Promise<string[]> {
  const accounts = new Set<string>();
  const visited = new Set<string>();
  const pending = [...parentIds];
  while (pending.length > 0) {
    const parentId = pending.shift()!;
    if (visited.has(parentId)) continue;
    visited.add(parentId);
    try {
      const client = organizations as OrganizationsClient;
      for await (const page of paginateListAccountsForParent({ client }, { ParentId: parentId })) {
        for (const account of page.Accounts ?? []) if (account.Id && isActive(account)) accounts.add(account.Id);
      }
      for await (const page of paginateListChildren({ client }, { ParentId: parentId, ChildType: 'ORGANIZATIONAL_UNIT' })) {
        for (const child of page.Children ?? []) if (child.Id) pending.push(child.Id);
      }
    } catch (error) {
      throw organizationsError(error, `listing ${parentId}`);
    }
  }
  return [...accounts];
}

/**
 * The names of the organization's accounts (ListAccounts, every page), for the report to show
 * beside their ids. Only the management account or a delegated administrator may ask; the names
 * are a convenience, so any refusal gives none and the report shows ids alone.
 */
export async function accountNames(organizations: Pick<OrganizationsClient, 'send'>, log: DecisionLog): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  try {
    for await (const page of paginateListAccounts({ client: organizations as OrganizationsClient }, {})) {
      for (const account of page.Accounts ?? []) if (account.Id && account.Name) names[account.Id] = account.Name;
    }
  } catch (error) {
    log.warn('account names not read; the report shows account ids alone', { errorCode: awsErrorCode(error), reason: error instanceof Error ? error.message : String(error) });
    return {};
  }
  return names;
}

/** Every configured account × every configured region, accounts in a stable order. */
export async function resolveTargets(config: TargetsConfig, deps: ResolveDeps): Promise<Target[]> {
  const accounts = new Set(config.targetAccounts);
  if (config.organizationUnitIds.length > 0) {
    const discovered = await accountsUnder(deps.organizations, config.organizationUnitIds);
    deps.log.info('accounts discovered in AWS Organizations', { organizationUnitIds: config.organizationUnitIds, accounts: discovered.length });
    for (const account of discovered) accounts.add(account);
  } else if (accounts.size === 0) {
    accounts.add(await deps.deploymentAccountId());
  }
  return [...accounts].sort().flatMap((accountId) => config.targetRegions.map((region) => ({ accountId, region })));
}

/**
 * Whether an error means the target itself cannot be reached with the configured role: the role
 * is missing or refuses us, the region is not enabled for the account, or the role may not even
 * list instances there. Such a target is an outcome of its own, never a failure of the others.
 */
export function isUnreachable(error: unknown): boolean {
  return isAccountAccessError(error) || awsErrorCode(error) === 'UnauthorizedOperation';
}

/** Writes the list as the JSON array the Distributed Map's ItemReader (InputType JSON) reads. */
export async function writeTargetList(store: ReportStore, key: string, targets: readonly Target[]): Promise<void> {
  await store.putText(key, JSON.stringify(targets.map(({ accountId, region }) => ({ accountId, region }))), 'application/json');
}
