/**
 * Targets and how they are reached, without AWS: the configuration (a bad value names the variable
 * and what is allowed, and changes nothing), which accounts and regions a run covers, and the
 * credentials for member accounts (assumed once per account and session, refreshed before they
 * expire, never for the deployment account) against a fake STS and a fake clock.
 */
import { AssumeRoleCommand, GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { readTargetsConfig } from '../../functions/shared/config';
import { silentLog } from '../../functions/shared/logger';
import { createTargetAccess, roleSessionName } from '../../functions/shared/target-access';
import { isUnreachable, resolveTargets } from '../../functions/shared/targets';

describe('target configuration', () => {
  test('no TARGET_ACCOUNTS and no ORGANIZATION_UNIT_IDS: no accounts named, the default member role, no external id', () => {
    expect(readTargetsConfig({ AWS_REGION: 'eu-west-1' })).toEqual({
      targetRegions: ['eu-west-1'],
      targetAccounts: [],
      organizationUnitIds: [],
      memberRoleName: 'ops-automation-member',
    });
  });

  test('reads accounts, units, role and external id, trimming and dropping repeats', () => {
    const config = readTargetsConfig({
      TARGET_REGIONS: 'us-east-1,eu-west-1',
      TARGET_ACCOUNTS: ' 111122223333, 444455556666,111122223333 ',
      ORGANIZATION_UNIT_IDS: 'ou-ab12-cdef3456,r-ab12',
      MEMBER_ROLE_NAME: 'ops-member',
      MEMBER_ROLE_EXTERNAL_ID: 'acme-ops-7f3a',
    });

    expect(config).toEqual({
      targetRegions: ['us-east-1', 'eu-west-1'],
      targetAccounts: ['111122223333', '444455556666'],
      organizationUnitIds: ['ou-ab12-cdef3456', 'r-ab12'],
      memberRoleName: 'ops-member',
      memberRoleExternalId: 'acme-ops-7f3a',
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  test.each([
    ['TARGET_ACCOUNTS', '11112222333', /TARGET_ACCOUNTS: must be comma-separated 12-digit account ids like 111122223333, got "11112222333"/],
    ['TARGET_ACCOUNTS', '111122223333,dev', /got "dev"/],
    ['ORGANIZATION_UNIT_IDS', 'Engineering', /ORGANIZATION_UNIT_IDS: must be comma-separated organizational unit ids like ou-ab12-cdef3456/],
    ['MEMBER_ROLE_NAME', 'roles/ops', /MEMBER_ROLE_NAME: must be an IAM role name .*no path/],
    ['MEMBER_ROLE_EXTERNAL_ID', 'has space', /MEMBER_ROLE_EXTERNAL_ID: must be 2-1224 letters/],
  ])('%s=%s is refused with ConfigError naming it and what is allowed', (variable, value, message) => {
    expect(() => readTargetsConfig({ AWS_REGION: 'eu-west-1', [variable]: value })).toThrow(expect.objectContaining({ name: 'ConfigError', variable, message: expect.stringMatching(message) }));
  });
});

describe('resolveTargets', () => {
  const noOrganizations = { send: async () => Promise.reject(new Error('Organizations must not be called')) };
  const deps = (deploymentAccountId = '999988887777') => ({ deploymentAccountId: async () => deploymentAccountId, organizations: noOrganizations, log: silentLog });

  test('without accounts or units: the deployment account, in every target region (today\'s behaviour)', async () => {
    const targets = await resolveTargets(readTargetsConfig({ TARGET_REGIONS: 'ap-northeast-2,us-east-1' }), deps());

    expect(targets).toEqual([
      { accountId: '999988887777', region: 'ap-northeast-2' },
      { accountId: '999988887777', region: 'us-east-1' },
    ]);
  });

  test('TARGET_ACCOUNTS × TARGET_REGIONS, the deployment account only when named', async () => {
    const targets = await resolveTargets(readTargetsConfig({ TARGET_REGIONS: 'us-east-1,eu-west-1', TARGET_ACCOUNTS: '444455556666,111122223333' }), deps());

    expect(targets.map((t) => `${t.accountId}/${t.region}`)).toEqual([
      '111122223333/us-east-1',
      '111122223333/eu-west-1',
      '444455556666/us-east-1',
      '444455556666/eu-west-1',
    ]);
  });
});

describe('which failures make a target unreachable', () => {
  const error = (name: string) => Object.assign(new Error(name), { name });

  test.each(['AccessDenied', 'AuthFailure', 'OptInRequired', 'UnrecognizedClientException', 'InvalidClientTokenId', 'RegionDisabledException', 'UnauthorizedOperation'])(
    '%s: the role or region cannot be used; the target is an outcome of its own',
    (code) => expect(isUnreachable(error(code))).toBe(true),
  );

  test.each(['RequestLimitExceeded', 'InternalError', 'IncorrectInstanceState'])('%s is not about reaching the target', (code) => {
    expect(isUnreachable(error(code))).toBe(false);
  });
});

describe('reaching a target', () => {
  const HUB = '999988887777';
  const MEMBER = '444455556666';

  function fakeSts(options: { lifetimeMs?: number; now: () => number }) {
    const assumed: AssumeRoleCommand['input'][] = [];
    let identityCalls = 0;
    const sts = {
      send: async (command: GetCallerIdentityCommand | AssumeRoleCommand) => {
        if (command instanceof GetCallerIdentityCommand) {
          identityCalls += 1;
          return { Account: HUB, Arn: `arn:aws-cn:sts::${HUB}:assumed-role/ops-automation-list-tagged-instances-lambda/fn` };
        }
        assumed.push(command.input);
        return {
          Credentials: {
            AccessKeyId: `ASIA${assumed.length}`,
            SecretAccessKey: 'secret',
            SessionToken: 'token',
            Expiration: new Date(options.now() + (options.lifetimeMs ?? 3_600_000)),
          },
        };
      },
    };
    return { sts: sts as unknown as STSClient, assumed, identityCalls: () => identityCalls };
  }

  function access(options: { externalId?: string; lifetimeMs?: number } = {}) {
    let now = 1_000_000;
    const fake = fakeSts({ lifetimeMs: options.lifetimeMs, now: () => now });
    const created: { region: string; credentials?: () => Promise<AwsCredentialIdentity> }[] = [];
    const targetAccess = createTargetAccess({
      sts: fake.sts,
      memberRole: () => ({ name: 'ops-automation-member', externalId: options.externalId }),
      createEc2: (region, credentials) => {
        created.push({ region, credentials });
        return { destroy: () => undefined } as unknown as EC2Client;
      },
      now: () => now,
    });
    return { targetAccess, fake, created, advance: (ms: number) => (now += ms) };
  }

  test('the deployment account is reached with the function\'s own role: no AssumeRole, and its id is asked once', async () => {
    const { targetAccess, fake } = access();

    await targetAccess.clientsFor({ accountId: HUB, region: 'us-east-1' }, { executionName: 'stop-1' });
    await targetAccess.clientsFor({ accountId: HUB, region: 'eu-west-1' }, { executionName: 'stop-1' });

    expect(fake.assumed).toEqual([]);
    expect(fake.identityCalls()).toBe(1);
  });

  test('a member account: the member role in the deployment partition, a session named after the execution, the external id; once per account for all its regions', async () => {
    const { targetAccess, fake } = access({ externalId: 'acme-ops-7f3a' });

    await targetAccess.clientsFor({ accountId: MEMBER, region: 'cn-north-1' }, { executionName: 'stop-weekday-20261125T2130Z' });
    await targetAccess.clientsFor({ accountId: MEMBER, region: 'cn-northwest-1' }, { executionName: 'stop-weekday-20261125T2130Z' });

    expect(fake.assumed).toEqual([
      {
        RoleArn: `arn:aws-cn:iam::${MEMBER}:role/ops-automation-member`,
        RoleSessionName: 'ops-stop-weekday-20261125T2130Z',
        DurationSeconds: 3600,
        ExternalId: 'acme-ops-7f3a',
      },
    ]);
  });

  test('credentials are assumed again when they come within five minutes of expiring, and for another execution under its own name', async () => {
    const { targetAccess, fake, created, advance } = access({ lifetimeMs: 15 * 60_000 });
    const target = { accountId: MEMBER, region: 'us-east-1' };

    await targetAccess.clientsFor(target, { executionName: 'stop-1' });
    const provider = created[0]!.credentials!;
    await provider();
    advance(9 * 60_000);
    const stillValid = await provider();
    advance(2 * 60_000);
    const refreshed = await provider();
    await targetAccess.clientsFor(target, { executionName: 'stop-2' });

    expect(stillValid.accessKeyId).toBe('ASIA1');
    expect(refreshed.accessKeyId).toBe('ASIA2');
    expect(fake.assumed.map((a) => a.RoleSessionName)).toEqual(['ops-stop-1', 'ops-stop-1', 'ops-stop-2']);
  });

  test('a refusal is not cached: a fixed trust policy works on the next call', async () => {
    const { targetAccess, fake } = access();
    let refuse = true;
    const send = fake.sts.send.bind(fake.sts);
    fake.sts.send = (async (command: AssumeRoleCommand) => {
      if (command instanceof AssumeRoleCommand && refuse) throw Object.assign(new Error('not authorized to perform: sts:AssumeRole'), { name: 'AccessDenied' });
      return send(command);
    }) as never;

    await expect(targetAccess.clientsFor({ accountId: MEMBER, region: 'us-east-1' }, { executionName: 'stop-1' })).rejects.toMatchObject({ name: 'AccessDenied' });
    refuse = false;
    await expect(targetAccess.clientsFor({ accountId: MEMBER, region: 'us-east-1' }, { executionName: 'stop-1' })).resolves.toBeDefined();
  });

  test('session names keep to what STS allows: 64 characters of [\\w+=,.@-], distinct for distinct long names', () => {
    const long = (suffix: string) => `manual-stop-${'x'.repeat(60)}-${suffix}`;

    expect(roleSessionName('weekly-cost-report-20261123')).toBe('ops-weekly-cost-report-20261123');
    expect(roleSessionName('Überstunden Lauf')).toMatch(/^ops-[\w+=,.@-]+$/);
    expect(roleSessionName(long('a'))).toHaveLength(64);
    expect(roleSessionName(long('a'))).not.toBe(roleSessionName(long('b')));
  });
});
