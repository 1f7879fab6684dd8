const stops = new Set<() => void>();

/** Registers a synchronous last-resort stop (a SIGKILL) for a child process; returns its unregister. */
export function onEmergencyStop(stop: () => void): () => void {
  stops.add(stop);
  return () => void stops.delete(stop);
}

/** SIGKILLs every child the suite still has: the watchdog's and Ctrl-C's way out, so no role or redis-server outlives the suite. */
export function emergencyStop(): void {
  for (const stop of stops) {
    try {
      stop();
    } catch {
      // Already gone.
    }
  }
  stops.clear();
}
