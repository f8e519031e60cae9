import { localStack } from '../../scripts/lib/local-stack';

export default async function globalTeardown(): Promise<void> {
  if (process.env.TEST_STACK_STARTED !== '1') return;
  localStack('down', { progress: 'hide', env: { ...process.env, LOCAL_STATE_DIR: '.local/test' } });
}
