// Reading advo_platform_errors_total in the Discord fault tests: "path/code" → count.
import type { Metrics } from "../../../src/metrics.js";
import { parsePrometheusText } from "../../helpers/prometheus.js";

export async function platformErrors(metrics: Metrics): Promise<Record<string, number>> {
  const family = parsePrometheusText((await metrics.scrape()).body).get("advo_platform_errors_total");
  return Object.fromEntries((family?.samples ?? []).filter((s) => s.labels.platform === "discord").map((s) => [`${s.labels.path}/${s.labels.code}`, s.value]));
}
