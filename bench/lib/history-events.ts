/**
 * What AWS would record, estimated from the local executor's event log: history events per
 * execution (the parent, and each child execution of a Distributed Map: each has its own history,
 * limited to 25,000 events) and the state transitions Step Functions Standard bills. The rules are
 * AWS's event types per state (AWS Step Functions API Reference, HistoryEvent):
 *   - an execution: ExecutionStarted + ExecutionSucceeded/Failed;
 *   - a Lambda Task: TaskStateEntered, TaskStateExited, and per attempt TaskScheduled, TaskStarted,
 *     TaskSucceeded/TaskFailed (a retry is one more attempt);
 *   - an inline Map: MapStateEntered/Started/Succeeded/Exited, and per iteration
 *     MapIterationStarted/Succeeded around its states;
 *   - a Distributed Map, in the parent: MapStateEntered, MapRunStarted, MapRunSucceeded,
 *     MapStateExited (its children's states are in their own histories);
 *   - Choice, Pass, Succeed, Fail, Wait: entered and exited.
 * Billed transitions: every state entered, every retry, and one per child execution started
 * (AWS Step Functions Developer Guide, "Transitions": a Distributed Map is charged one state
 * transition for each child workflow execution it starts; the pricing page: each retry is an
 * additional transition).
 */
import type { ProgressEvent } from '../../scripts/lib/local-workflow';

export interface ExecutionFigures {
  /** History events of the parent execution. */
  parentEvents: number;
  childExecutions: number;
  /** History events of the largest child execution, and their mean. */
  maxChildEvents: number;
  meanChildEvents: number;
  billedTransitions: number;
  /** The same per Distributed Map state, by its name (cost-report has two: Inventories and PriceItems). */
  byMap: Record<string, { childExecutions: number; maxChildEvents: number; meanChildEvents: number }>;
}

function childFigures(counts: readonly number[]): { maxChildEvents: number; meanChildEvents: number } {
  return {
    maxChildEvents: counts.length > 0 ? Math.max(...counts) : 0,
    meanChildEvents: counts.length > 0 ? Math.round(counts.reduce((a, b) => a + b, 0) / counts.length) : 0,
  };
}

export class HistoryCounter {
  private readonly byExecution = new Map<string, number>();
  private readonly mapOf = new Map<string, string>();
  private transitions = 0;
  private children = 0;

  add(event: ProgressEvent): void {
    const execution = event.child?.execution ?? '';
    if (event.child) this.mapOf.set(execution, event.child.map);
    const bump = (n: number) => this.byExecution.set(execution, (this.byExecution.get(execution) ?? 2) + n);
    switch (event.type) {
      case 'StateEntered':
        this.transitions += 1;
        bump(event.stateType === 'Task' ? 5 : event.stateType === 'Map' ? 4 : 2);
        break;
      case 'StateRetried':
        this.transitions += 1;
        bump(3);
        break;
      case 'MapIterationStarted':
        bump(2);
        break;
      case 'MapRunStarted':
        // The local runner serves a Distributed Map as a Task (5 events); AWS records 4.
        bump(-1);
        break;
      case 'ChildExecutionStarted':
        this.transitions += 1;
        this.children += 1;
        bump(0);
        break;
    }
  }

  figures(): ExecutionFigures {
    const children = [...this.byExecution.entries()].filter(([execution]) => execution !== '');
    const countsByMap = new Map<string, number[]>();
    for (const [execution, n] of children) {
      const map = this.mapOf.get(execution) ?? '?';
      const counts = countsByMap.get(map) ?? [];
      counts.push(n);
      countsByMap.set(map, counts);
    }
    return {
      parentEvents: this.byExecution.get('') ?? 0,
      childExecutions: this.children,
      ...childFigures(children.map(([, n]) => n)),
      billedTransitions: this.transitions,
      byMap: Object.fromEntries([...countsByMap].map(([map, counts]) => [map, { childExecutions: counts.length, ...childFigures(counts) }])),
    };
  }
}
