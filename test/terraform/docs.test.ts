/**
 * The READMEs' Inputs and Outputs tables say what variables.tf and outputs.tf say, so they cannot
 * drift (scripts/terraform-docs.ts writes them; policy.test.ts checks its HCL reading against
 * Terraform's own). Unit speed: files only, no Terraform.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseHcl, readOutputs, readVariables, renderTables, tablesIn, withTables } from '../../scripts/lib/terraform-docs';
import { documentedModules, regeneratedReadme } from '../../scripts/terraform-docs';
import { EXAMPLES, MODULE_DIR, REPO_ROOT } from './helpers/terraform';

const read = (...path: string[]) => readFileSync(join(...path), 'utf8');

describe('README tables of the module and its examples', () => {
  test('the module, its submodules and every example have a README with generated tables', () => {
    expect(documentedModules().map((dir) => relative(REPO_ROOT, dir)).sort()).toEqual(
      [
        'terraform',
        ...EXAMPLES.map((e) => `terraform/examples/${e}`),
        'terraform/modules/instance-permissions',
        'terraform/modules/member-role',
        'terraform/modules/member-role/examples/per-account',
        'terraform/modules/member-role/examples/stackset',
      ].sort(),
    );
  });

  test.each(documentedModules().map((dir) => [relative(REPO_ROOT, dir), dir]))(
    '%s/README.md lists every variable and output with its description, type and default (fix: npx tsx scripts/terraform-docs.ts)',
    (_, dir) => {
      const readme = read(dir, 'README.md');

      expect(tablesIn(readme)).toBeDefined();
      expect(tablesIn(readme)).toBe(tablesIn(regeneratedReadme(dir)));
    },
  );

  test.each(EXAMPLES)('examples/%s passes every output of the module on under the same name and description, for the ops CLI', (example) => {
    const moduleOutputs = readOutputs(read(MODULE_DIR, 'outputs.tf'));
    const exampleOutputs = parseHcl(read(MODULE_DIR, 'examples', example, 'outputs.tf')).blocks.filter((b) => b.type === 'output');

    expect(readOutputs(read(MODULE_DIR, 'examples', example, 'outputs.tf'))).toEqual(moduleOutputs);
    expect(exampleOutputs.map((o) => o.attributes.value)).toEqual(moduleOutputs.map((o) => `module.ops_automation.${o.name}`));
  });
});

describe('reading variables.tf for the tables', () => {
  const source = `
# A comment with "quotes" and { braces
variable "schedules" {
  description = <<-EOT
    Power schedules: stop at \`stop_cron\`,
      start at \`start_cron\`.
  EOT
  type = map(object({
    stop_cron = string   # a trailing comment
    timezone  = optional(string, "Asia/Seoul")
  }))
  default = {
    office-hours = {
      stop_cron = "cron(0 20 ? * MON-FRI *)" // another comment
      timezone  = "Asia/Seoul"
    }
  }

  validation {
    condition     = alltrue([for s in values(var.schedules) : can(regex("^cron\\\\([^}]+\\\\)$", s.stop_cron))])
    error_message = "a } and a \\" inside a string, and $\${literal}."
  }
}

variable "bucket" {
  description = "Where \\"reports\\" go: s3://b/$\${prefix} | costs."
  type        = string
}

/* a block comment
   variable "commented_out" { description = "no" } */
variable "one_line" { description = "x" }
`;

  test('reads descriptions, types and defaults through heredocs, comments, templates and nested blocks', () => {
    const variables = readVariables(source);

    expect(variables).toEqual([
      {
        name: 'schedules',
        description: 'Power schedules: stop at `stop_cron`,\n  start at `start_cron`.',
        type: 'map(object({ stop_cron = string, timezone = optional(string, "Asia/Seoul") }))',
        default: '{ office-hours = { stop_cron = "cron(0 20 ? * MON-FRI *)", timezone = "Asia/Seoul" } }',
      },
      { name: 'bucket', description: 'Where "reports" go: s3://b/${prefix} | costs.', type: 'string', default: undefined },
      { name: 'one_line', description: 'x', type: undefined, default: undefined },
    ]);
  });

  test('puts required inputs first and escapes | in cells', () => {
    const tables = renderTables(readVariables(source), []);

    expect(tables.split('\n').filter((line) => line.startsWith('| `'))).toEqual([
      '| `bucket` | Where "reports" go: s3://b/${prefix} \\| costs. | `string` | required |',
      '| `one_line` | x | any | required |',
      '| `schedules` | Power schedules: stop at `stop_cron`, start at `start_cron`. | `map(object({ stop_cron = string, timezone = optional(string, "Asia/Seoul") }))` | `{ office-hours = { stop_cron = "cron(0 20 ? * MON-FRI *)", timezone = "Asia/Seoul" } }` |',
    ]);
  });

  test('a default changed in variables.tf but not in the README shows up as a difference', () => {
    const readme = withTables(`# Module\n\n${renderTables(readVariables(source), [])}\n`, renderTables(readVariables(source), []));
    const changed = source.replace('timezone  = "Asia/Seoul"\n    }', 'timezone  = "Europe/Berlin"\n    }');

    expect(changed).not.toBe(source);

    expect(tablesIn(readme)).not.toBe(renderTables(readVariables(changed), []));
    expect(tablesIn(readme)).toBe(renderTables(readVariables(source), []));
  });

  test('refuses what it cannot read, naming the line', () => {
    expect(() => readVariables('variable "x" {\n  description = "never closed\n}\n')).toThrow('HCL line 2: a quoted string runs past the end of its line');
    expect(() => readVariables('variable "x" {\n  default = 1\n}\n')).toThrow('variable "x" has no description');
    expect(() => readVariables('variable "x" {\n  description = "a ${var.y}"\n}\n')).toThrow('not a literal string');
  });
});
