/**
 * Sets `key` as the newest entry of `map` and forgets the oldest entries past `limit`: a Map keeps
 * insertion order, so its first key is always the one set longest ago. The in-memory copies a process
 * keeps (cache entries, verified tokens, accepted queries) stay bounded this way.
 */
export function setNewest<K, V>(map: Map<K, V>, key: K, value: V, limit: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > limit) map.delete(map.keys().next().value as K);
}
