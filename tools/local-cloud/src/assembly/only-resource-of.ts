import type { CfnTemplate } from './resolve-intrinsics';

/** The logical id of the one resource of a type, failing loudly if there are none or many. */
export function onlyResourceOf(template: CfnTemplate, type: string): string {
  const ids = Object.keys(template.Resources).filter((id) => template.Resources[id]?.Type === type);
  const [id, ...others] = ids;
  if (!id || others.length > 0) throw new Error(`Expected one ${type}, found ${ids.length}`);
  return id;
}
