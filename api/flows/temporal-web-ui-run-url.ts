/**
 * The page of one run in the Temporal Web UI (`<base>/namespaces/<namespace>/workflows/<workflowId>/<runId>/history`,
 * each part URL-encoded), or null when no Web UI is configured (TEMPORAL_WEB_UI_URL unset). `base`
 * has no trailing slash: platform/config.ts trims it.
 */
export function temporalWebUiRunUrl(
  base: string | undefined,
  namespace: string,
  workflowId: string,
  runId: string,
): string | null {
  if (base === undefined) return null;
  const parts = [namespace, workflowId, runId].map(encodeURIComponent);
  return `${base}/namespaces/${parts[0]}/workflows/${parts[1]}/${parts[2]}/history`;
}
