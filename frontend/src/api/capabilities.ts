/**
 * Which endpoints the running API has, read once from its own OpenAPI
 * document. Pages built ahead of an endpoint (search, matching) ask here
 * instead of probing with requests that would 404.
 */
type Methods = Partial<Record<'get' | 'post' | 'put' | 'patch' | 'delete', unknown>>;

let document: Promise<Record<string, Methods> | null> | null = null;

function load(): Promise<Record<string, Methods> | null> {
  document ??= fetch(new URL('/api/v1/openapi.json', typeof window === 'undefined' ? 'http://localhost' : window.location.origin))
    .then(async (response) => (response.ok ? (((await response.json()) as { paths?: Record<string, Methods> }).paths ?? {}) : null))
    .catch(() => {
      document = null;
      return null;
    });
  return document;
}

/** For tests. */
export function resetCapabilities(paths?: Record<string, Methods>): void {
  document = paths ? Promise.resolve(paths) : null;
}

/** Whether the API has `method path` (a path template as in the document); null when unknown. */
export async function hasEndpoint(path: string, method: keyof Methods = 'get'): Promise<boolean | null> {
  const paths = await load();
  if (!paths) return null;
  return Boolean(paths[path]?.[method]);
}

/** The first path template matching `pattern` that has `method`, if any. */
export async function findEndpoint(pattern: RegExp, method: keyof Methods): Promise<string | null> {
  const paths = await load();
  if (!paths) return null;
  return Object.keys(paths).find((path) => pattern.test(path) && paths[path]?.[method]) ?? null;
}

/** Fills a path template's `{params}` in order. */
export function fillPath(template: string, values: string[]): string {
  let index = 0;
  return template.replace(/\{[^}]+\}/g, () => encodeURIComponent(values[index++] ?? ''));
}
