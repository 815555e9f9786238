import type { MethodModel, ResourceNode } from './rest-api-model';

export interface RouteMatch {
  resource: ResourceNode;
  method: MethodModel;
  /** Decoded path parameters; `{proxy+}` holds the rest of the path. */
  pathParameters: Record<string, string>;
}

/**
 * The resource and method a request reaches, as API Gateway chooses: at each level a literal
 * path part before a `{param}`, a `{param}` before a greedy `{proxy+}`; a method before `ANY`.
 * Undefined when no resource has a method for the request (API Gateway answers 403 Missing
 * Authentication Token then).
 */
export function matchRoute(
  root: ResourceNode,
  path: string,
  httpMethod: string,
): RouteMatch | undefined {
  const segments = path.split('/').filter((segment) => segment !== '');
  return visit(root, segments, {}, httpMethod.toUpperCase());
}

function visit(
  node: ResourceNode,
  rest: string[],
  parameters: Record<string, string>,
  httpMethod: string,
): RouteMatch | undefined {
  if (rest.length === 0) {
    const method = node.methods.get(httpMethod) ?? node.methods.get('ANY');
    return method && { resource: node, method, pathParameters: parameters };
  }
  const [segment, ...remaining] = rest as [string, ...string[]];
  for (const child of ordered(node.children)) {
    const greedy = /^\{(.+)\+\}$/.exec(child.pathPart);
    if (greedy) {
      const match = visit(
        child,
        [],
        { ...parameters, [greedy[1]!]: decode(rest.join('/')) },
        httpMethod,
      );
      if (match) return match;
      continue;
    }
    const parameter = /^\{(.+)\}$/.exec(child.pathPart);
    if (parameter) {
      const match = visit(
        child,
        remaining,
        { ...parameters, [parameter[1]!]: decode(segment) },
        httpMethod,
      );
      if (match) return match;
    } else if (child.pathPart === segment) {
      const match = visit(child, remaining, parameters, httpMethod);
      if (match) return match;
    }
  }
  return undefined;
}

function ordered(children: ResourceNode[]): ResourceNode[] {
  const rank = (node: ResourceNode) =>
    /^\{.+\+\}$/.test(node.pathPart) ? 2 : /^\{.+\}$/.test(node.pathPart) ? 1 : 0;
  return [...children].sort((a, b) => rank(a) - rank(b));
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
