/**
 * Sets a label on a plain object. A source may name a label `__proto__` (a legal Prometheus label
 * name and Influx tag key); plain assignment would take that for the prototype and drop it.
 */
export function setLabel(labels: Record<string, string>, key: string, value: string): void {
  if (key === '__proto__') {
    Object.defineProperty(labels, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    labels[key] = value;
  }
}
