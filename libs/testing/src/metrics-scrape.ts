import parsePrometheusTextFormat from 'parse-prometheus-text-format';

type Family = ReturnType<typeof parsePrometheusTextFormat>[number];

/** One scrape of a service's `/metrics`, parsed as the Prometheus text format. */
export class MetricsScrape {
  private readonly types: Map<string, Family['type']>;
  private readonly series: Map<string, Family['metrics']>;

  constructor(text: string) {
    this.types = new Map(parsePrometheusTextFormat(text).map((family) => [family.name, family.type]));
    // The parser folds a histogram's labelled series into one; read without TYPE lines, each of
    // its series (`_bucket`, `_sum`, `_count`) keeps its labels.
    // Each label set's series come in turn, so one name recurs: its samples are merged.
    this.series = new Map();
    for (const family of parsePrometheusTextFormat(text.replace(/^# TYPE .*$/gm, ''))) {
      this.series.set(family.name, [...(this.series.get(family.name) ?? []), ...family.metrics]);
    }
  }

  names(): string[] {
    return [...this.types.keys()];
  }

  type(name: string): Family['type'] | undefined {
    return this.types.get(name);
  }

  /** Each sample of `name` (a histogram's: its observation counts), with its labels. */
  samples(name: string): { labels: Record<string, string>; value: number }[] {
    const seriesName = this.types.get(name) === 'HISTOGRAM' ? `${name}_count` : name;
    return (this.series.get(seriesName) ?? []).map((sample) => ({
      labels: sample.labels ?? {},
      value: Number(sample.value ?? 0),
    }));
  }

  /**
   * The sum over the samples of `name` whose labels include `labels`: their values, or for a
   * histogram their counts; undefined when the metric is not exported at all.
   */
  value(name: string, labels: Record<string, string> = {}): number | undefined {
    if (!this.types.has(name)) {
      return undefined;
    }
    return this.samples(name)
      .filter((sample) => Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
      .reduce((total, sample) => total + sample.value, 0);
  }
}

export async function scrapeMetrics(port: number): Promise<MetricsScrape> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(10_000) });
  if (response.status !== 200) {
    throw new Error(`/metrics on port ${port} answered ${response.status}`);
  }
  return new MetricsScrape(await response.text());
}
