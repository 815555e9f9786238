import type { LocalResource } from '../edge/contracts';

export interface StoredParameter {
  name: string;
  type: 'String' | 'StringList';
  value: string;
  version: number;
  lastModified: Date;
}

/**
 * The parameters the templates declare (`AWS::SSM::Parameter` with a `Name`), then the values
 * the caller hands in (cross-stack values it resolved, or rewrites such as the local API URL),
 * which win. `set` changes a value at run time, bumping its version as PutParameter would.
 */
export class ParameterStore {
  private readonly parameters = new Map<string, StoredParameter>();

  constructor(resources: readonly LocalResource[], values: Record<string, string> = {}) {
    for (const resource of resources) {
      if (resource.type !== 'AWS::SSM::Parameter') continue;
      const { Name: name, Value: value, Type: type } = resource.properties;
      if (typeof name !== 'string') {
        throw new Error(
          `${resource.stackName}/${resource.logicalId}: an AWS::SSM::Parameter without a Name has no local name`,
        );
      }
      if (typeof value !== 'string') {
        throw new Error(
          `${resource.stackName}/${resource.logicalId}: parameter ${name} has no string value`,
        );
      }
      this.put(name, value, type === 'StringList' ? 'StringList' : 'String');
    }
    for (const [name, value] of Object.entries(values)) this.set(name, value);
  }

  get(name: string): StoredParameter | undefined {
    return this.parameters.get(name);
  }

  set(name: string, value: string): void {
    this.put(name, value, this.parameters.get(name)?.type ?? 'String');
  }

  all(): StoredParameter[] {
    return [...this.parameters.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  values(): Record<string, string> {
    return Object.fromEntries(this.all().map((parameter) => [parameter.name, parameter.value]));
  }

  private put(name: string, value: string, type: StoredParameter['type']): void {
    const previous = this.parameters.get(name);
    if (previous?.value === value && previous.type === type) return;
    this.parameters.set(name, {
      name,
      type,
      value,
      version: (previous?.version ?? 0) + 1,
      lastModified: new Date(),
    });
  }
}
