/**
 * Stripe's request encoding: application/x-www-form-urlencoded with bracketed keys
 * (`line_items[0][price_data][unit_amount]=1000`, `metadata[key]=value`), decoded into nested objects and arrays.
 */
export type FormValue = string | FormObject | FormValue[];
export interface FormObject { [key: string]: FormValue }

export function parseForm(body: string): FormObject {
  const root: FormObject = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const head = /^[^[]+/.exec(rawKey)?.[0];
    if (!head) continue;
    const path = [head, ...[...rawKey.slice(head.length).matchAll(/\[([^\]]*)\]/g)].map((m) => m[1])];
    let node: FormObject | FormValue[] = root;
    for (let i = 0; i < path.length; i++) {
      const key = path[i] === '' && Array.isArray(node) ? String(node.length) : path[i];
      const last = i === path.length - 1;
      const container = node as Record<string, FormValue>;
      if (last) {
        container[key] = value;
      } else {
        const nextIsIndex = /^\d*$/.test(path[i + 1]);
        container[key] ??= nextIsIndex ? [] : {};
        node = container[key] as FormObject | FormValue[];
      }
    }
  }
  return root;
}

/** The inverse, for clients: nested objects/arrays → bracketed keys. Nulls and undefined are left out. */
export function encodeForm(value: Record<string, unknown>): string {
  const params = new URLSearchParams();
  const walk = (prefix: string, v: unknown) => {
    if (v === null || v === undefined) return;
    if (Array.isArray(v)) v.forEach((item, i) => walk(`${prefix}[${i}]`, item));
    else if (typeof v === 'object') for (const [k, inner] of Object.entries(v as Record<string, unknown>)) walk(prefix ? `${prefix}[${k}]` : k, inner);
    else params.append(prefix, String(v));
  };
  walk('', value);
  return params.toString();
}
