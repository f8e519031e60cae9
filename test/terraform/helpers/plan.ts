/** Reading the parts of `terraform show -json` output the tests look at. */

export interface PlannedResource {
  address: string;
  type: string;
  name: string;
  index?: string | number;
  values: Record<string, unknown>;
}

interface ModuleValues {
  resources?: PlannedResource[];
  child_modules?: ModuleValues[];
}

function flatten(module: ModuleValues | undefined): PlannedResource[] {
  if (!module) return [];
  return [...(module.resources ?? []), ...(module.child_modules ?? []).flatMap(flatten)];
}

/** Resources of a plan (`planned_values`) or of a state (`values`). */
export function resourcesOf(showJson: unknown, type?: string): PlannedResource[] {
  const document = showJson as { planned_values?: { root_module?: ModuleValues }; values?: { root_module?: ModuleValues } };
  const all = flatten((document.planned_values ?? document.values)?.root_module);
  return type ? all.filter((r) => r.type === type) : all;
}
