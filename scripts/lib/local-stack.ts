/**
 * Starts and stops a private local stack (moto + the local Pricing endpoint) through
 * scripts/local/stack.sh, the one script that knows how: which Python runs moto (python3, or
 * .local/venv made on first use), ports, PIDs. Used by the demo, the test run and the benchmarks.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const STACK_SCRIPT = join(__dirname, '..', 'local', 'stack.sh');

export interface LocalStackOptions {
  /** MOTO_PORT, PRICING_PORT and LOCAL_STATE_DIR choose the stack; the rest is passed on. */
  env: NodeJS.ProcessEnv;
  /** stack.sh's progress lines ("moto up (pid ...)"); its errors always reach stderr. */
  progress: 'show' | 'hide';
}

/**
 * stack.sh has already said on stderr why it failed, in one line when the machine lacks something
 * (curl, moto and no package index to install it from); a JavaScript stack under that line would
 * only bury it, so this error prints as its message alone.
 */
export class LocalStackError extends Error {
  constructor(command: string, status: number | null) {
    super(`scripts/local/stack.sh ${command} failed (exit ${status ?? 'by signal'}): the reason is the line above`);
    this.name = 'LocalStackError';
    this.stack = `${this.name}: ${this.message}`;
  }
}

export function localStack(command: 'up' | 'down', { env, progress }: LocalStackOptions): void {
  const result = spawnSync('bash', [STACK_SCRIPT, command], {
    cwd: join(__dirname, '..', '..'),
    env,
    stdio: ['ignore', progress === 'show' ? 'inherit' : 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new LocalStackError(command, result.status);
}
