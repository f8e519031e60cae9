/**
 * A real SDK client whose `send` is a test's fake. The SDK's paginators (paginateDescribeInstances,
 * ...) accept only an instance of their own client class, so a bare `{ send }` object will not do;
 * everything the code under test does still goes through `send`.
 */
import { BackupClient, ListBackupJobsCommand, ListBackupPlansCommand, ListBackupVaultsCommand } from '@aws-sdk/client-backup';

export function clientAnswering<C extends object>(Client: new (config: { region: string }) => C, send: (command: never) => Promise<unknown>): C {
  return Object.assign(new Client({ region: 'us-east-1' }), { send });
}

/** AWS Backup in an account that does not use it: no plans, no vaults, no jobs. */
export function backupWithNothing(): BackupClient {
  return clientAnswering(BackupClient, async (command: unknown) => {
    if (command instanceof ListBackupPlansCommand) return { BackupPlansList: [] };
    if (command instanceof ListBackupVaultsCommand) return { BackupVaultList: [] };
    if (command instanceof ListBackupJobsCommand) return { BackupJobs: [] };
    throw new Error(`unexpected command ${String(command)}`);
  });
}
