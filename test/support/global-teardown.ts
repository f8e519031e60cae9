import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default async function globalTeardown(): Promise<void> {
  if (process.env.TEST_STACK_STARTED !== '1') return;
  execFileSync('bash', [join(__dirname, '..', '..', 'scripts/local/stack.sh'), 'down'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, LOCAL_STATE_DIR: '.local/test' },
  });
}
