// Which services the live page could not reach, since when and why. A failed call marks its service unreachable at
// once; the next answer from it marks it reachable again (and listeners reload what went stale).
export function createReachability() {
  const outages = new Map(); // service → {since, error}
  const listeners = new Set();
  const notify = (service, reachable) => listeners.forEach((fn) => fn(service, reachable));
  return {
    answered(service) {
      if (outages.delete(service)) notify(service, true);
    },
    failed(service, error) {
      const known = outages.get(service);
      if (known) {
        known.error = error;
        return;
      }
      outages.set(service, { since: Date.now(), error });
      notify(service, false);
    },
    reachable(service) {
      return !outages.has(service);
    },
    outage(service) {
      return outages.get(service) || null;
    },
    /** [{service, since, error}] */
    outages() {
      return [...outages].map(([service, o]) => ({ service, ...o }));
    },
    /** fn(service, reachable) on every change; returns the unsubscribe function. */
    onChange(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}
