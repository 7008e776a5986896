/**
 * Export limits, read per export (so tests can change them). An export holds one pooled database connection
 * for as long as it streams: the cap keeps most of the pool for everything else, and the idle timeout ends an
 * export whose client stopped reading but kept the connection open.
 */
export interface ExportConfig {
  /** MUSTER_EXPORT_CONCURRENCY: exports streaming at once in this process (default 4). */
  concurrency: number;
  /** MUSTER_EXPORT_IDLE_SECONDS: a client that takes nothing for this long is cut off (default 120). */
  idleSeconds: number;
}

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

export function exportConfig(env: NodeJS.ProcessEnv = process.env): ExportConfig {
  return {
    concurrency: Math.floor(positive(env.MUSTER_EXPORT_CONCURRENCY, 4)),
    idleSeconds: positive(env.MUSTER_EXPORT_IDLE_SECONDS, 120),
  };
}
