/**
 * Whether an id from a link can name anything: the API's ids are UUIDs, so anything else (a mistyped or
 * cut-off link) is "not found" without asking the API.
 */
export function isUuid(value: string | null | undefined): value is string {
  return !!value && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
