// What an express app actually serves, read from its router stack: every route as
// "METHOD /openapi/{style}/path" (optional groups such as `{.:format}` expanded into both forms),
// and the paths where plain middleware is mounted (static pages such as /docs).
import type express from 'express';

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  rawPath?: string | string[];
}

/** '/requests/:id{.:format}' → ['/requests/{id}', '/requests/{id}.{format}'] */
export function expandExpressPath(path: string): string[] {
  const group = /\{([^{}]*)\}/.exec(path);
  if (group) {
    const before = path.slice(0, group.index);
    const after = path.slice(group.index + group[0].length);
    return [...expandExpressPath(before + after), ...expandExpressPath(before + group[1] + after)];
  }
  return [path.replace(/:(\w+)/g, '{$1}')];
}

export function servedRoutes(app: express.Express): { operations: Set<string>; mounts: Set<string> } {
  const operations = new Set<string>();
  const mounts = new Set<string>();
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      const raw = Array.isArray(layer.rawPath) ? layer.rawPath : [layer.rawPath ?? '/'];
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const method of Object.keys(layer.route.methods).filter((name) => name !== '_all')) {
          for (const path of paths.flatMap(expandExpressPath))
            operations.add(`${method.toUpperCase()} ${prefix}${path}`);
        }
      } else if (layer.handle?.stack) {
        for (const path of raw) walk(layer.handle.stack, prefix + (path === '/' ? '' : path));
      } else {
        for (const path of raw) if (path !== '/') mounts.add(prefix + path);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return { operations, mounts };
}
