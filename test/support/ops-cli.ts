/** Test harness: the ops command line run in-process, its stdout, stderr and exit code captured. */
import { main, type OpsIo } from '../../scripts/ops';

export interface OpsResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runOps(args: readonly string[], options: Omit<OpsIo, 'stdout' | 'stderr' | 'env'> = {}): Promise<OpsResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (text: string) => ((stdout += text), true) },
    stderr: { write: (text: string) => ((stderr += text), true) },
    env: process.env,
    ...options,
  });
  return { code, stdout, stderr };
}
