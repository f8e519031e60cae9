/** Runs the local workflow runner as a user does (`npx tsx scripts/workflow.ts <workflow> --input JSON`), collecting what it prints. */
import { spawn } from 'node:child_process';
import { REPO_ROOT } from '../../scripts/lib/local-workflow';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `env` is the whole environment of the run; `input` is passed as written. */
export function runWorkflowCli(workflow: string, input: string, env: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'scripts/workflow.ts', workflow, '--input', input], { cwd: REPO_ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
