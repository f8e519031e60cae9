/**
 * A real SDK client whose `send` is a test's fake. The SDK's paginators (paginateDescribeInstances,
 * ...) accept only an instance of their own client class, so a bare `{ send }` object will not do;
 * everything the code under test does still goes through `send`.
 */
export function clientAnswering<C extends object>(Client: new (config: { region: string }) => C, send: (command: never) => Promise<unknown>): C {
  return Object.assign(new Client({ region: 'us-east-1' }), { send });
}
