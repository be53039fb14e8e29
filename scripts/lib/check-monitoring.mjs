// The checks of check-deploy.mjs for monitoring and autoscaling: the dashboard and alert rules
// name only metrics the services export, promtool accepts the rules, Prometheus scrapes every
// service, and each scaling object scales a Deployment on a queue that Deployment consumes.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { parse, parseAllDocuments } from 'yaml';

const METRIC_DEFINITION = /new (?:Counter|Gauge|Histogram|Summary)\(\{\s*name: '([a-zA-Z_:][a-zA-Z0-9_:]*)'/g;
const PROMQL_WORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'inf',
  'nan',
]);

export function checkMonitoring(root, services, problems) {
  const exported = exportedMetrics(root);
  const monitoring = join(root, 'deploy', 'monitoring');
  checkDashboard(join(monitoring, 'grafana', 'helpdesk-dashboard.json'), exported, problems);
  const rules = parse(readFileSync(join(monitoring, 'alerts.yml'), 'utf8'));
  const runbook = readFileSync(join(root, 'docs', 'runbook.md'), 'utf8');
  for (const rule of rules.groups.flatMap((group) => group.rules)) {
    checkExpr(`alert ${rule.alert}`, rule.expr, exported, problems);
    const anchor = /^docs\/runbook\.md#(.+)$/.exec(rule.annotations?.runbook ?? '')?.[1];
    if (!anchor || !headingAnchors(runbook).has(anchor)) {
      problems.push(`alert ${rule.alert} needs a runbook annotation pointing at a heading of docs/runbook.md`);
    }
  }
  runPromtool(['check', 'config', join(monitoring, 'prometheus.yml')], problems);
  const scrape = parse(readFileSync(join(monitoring, 'prometheus.yml'), 'utf8'));
  const targets = scrape.scrape_configs.flatMap((job) => job.static_configs.flatMap((config) => config.targets));
  for (const service of services.filter((name) => name !== 'web')) {
    if (!targets.includes(`${service}:8080`)) {
      problems.push(`deploy/monitoring/prometheus.yml does not scrape ${service}:8080`);
    }
  }
}

export function checkScaling(root, services, problems) {
  const queues = queueOwners(root);
  const k8sDir = join(root, 'deploy', 'k8s');
  const kustomization = parse(readFileSync(join(k8sDir, 'kustomization.yaml'), 'utf8'));
  const manifests = kustomization.resources.flatMap((file) =>
    parseAllDocuments(readFileSync(join(k8sDir, file), 'utf8')).map((document) => document.toJS()),
  );
  const deployments = new Set(manifests.filter((m) => m?.kind === 'Deployment').map((m) => m.metadata.name));
  for (const manifest of manifests.filter((m) => m?.kind === 'ScaledObject')) {
    const target = manifest.spec?.scaleTargetRef?.name;
    const where = `ScaledObject ${manifest.metadata.name}`;
    if (!deployments.has(target) || !services.includes(target)) {
      problems.push(`${where} scales "${target}", which is no Deployment of a service`);
    }
    for (const trigger of manifest.spec?.triggers ?? []) {
      const queue = trigger.metadata?.queueName;
      if (trigger.type !== 'rabbitmq') {
        continue;
      }
      if (!queues.has(queue)) {
        problems.push(`${where} scales on queue "${queue}", which no service consumes`);
      } else if (queues.get(queue) !== target) {
        problems.push(`${where} scales ${target} on queue "${queue}", which ${queues.get(queue)} consumes`);
      }
    }
  }
  for (const manifest of manifests.filter((m) => m?.kind === 'HorizontalPodAutoscaler')) {
    const target = manifest.spec?.scaleTargetRef?.name;
    if (!deployments.has(target)) {
      problems.push(`HorizontalPodAutoscaler ${manifest.metadata.name} scales "${target}", which is no Deployment`);
    }
  }
}

/** Queue name → the service that consumes it: the RPC queues of libs/contracts, and each service's event queues. */
function queueOwners(root) {
  const owners = new Map();
  const contracts = readFileSync(join(root, 'libs', 'contracts', 'src', 'queues.ts'), 'utf8');
  const rpcQueues = /export const Queues = \{([^}]*)\}/.exec(contracts)?.[1] ?? '';
  for (const [, queue] of rpcQueues.matchAll(/:\s*'([^']+)'/g)) {
    owners.set(queue, queue);
  }
  for (const file of sourceFiles(join(root, 'services'))) {
    const service = relative(join(root, 'services'), file).split('/')[0];
    for (const [, queue] of readFileSync(file, 'utf8').matchAll(/export const \w+_QUEUE = '([^']+)'/g)) {
      owners.set(queue, service);
    }
  }
  return owners;
}

/** Every metric name the services can export: their own definitions and prom-client's defaults. */
function exportedMetrics(root) {
  const names = new Set();
  for (const file of [...sourceFiles(join(root, 'libs')), ...sourceFiles(join(root, 'services'))]) {
    for (const [, name] of readFileSync(file, 'utf8').matchAll(METRIC_DEFINITION)) {
      names.add(name);
    }
  }
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  for (const metric of registry.getMetricsAsArray()) {
    names.add(metric.name);
  }
  for (const name of [...names]) {
    for (const suffix of ['_bucket', '_count', '_sum']) {
      names.add(`${name}${suffix}`);
    }
  }
  return names;
}

function checkDashboard(file, exported, problems) {
  let dashboard;
  try {
    dashboard = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`${file} is not valid JSON: ${error.message}`);
    return;
  }
  if (!dashboard.uid || !dashboard.title || !Array.isArray(dashboard.panels) || dashboard.panels.length === 0) {
    problems.push('the Grafana dashboard needs a uid, a title and panels');
    return;
  }
  for (const panel of dashboard.panels) {
    if (!panel.title || !panel.type || !panel.gridPos || !Array.isArray(panel.targets) || panel.targets.length === 0) {
      problems.push(`dashboard panel ${panel.id ?? '?'} needs a title, type, gridPos and targets`);
      continue;
    }
    for (const target of panel.targets) {
      checkExpr(`dashboard panel "${panel.title}"`, target.expr, exported, problems);
    }
  }
}

function checkExpr(where, expr, exported, problems) {
  const names = metricNames(expr ?? '');
  if (names.length === 0) {
    problems.push(`${where} has no metric in its expression`);
  }
  for (const name of names.filter((candidate) => !exported.has(candidate))) {
    problems.push(`${where} uses "${name}", which no service exports`);
  }
}

/** The metric names in a PromQL expression: identifiers that are no function, keyword or label. */
export function metricNames(expr) {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '');
  return [...bare.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)]
    .filter(([, name, call]) => !call && !PROMQL_WORDS.has(name.toLowerCase()))
    .map(([, name]) => name);
}

function headingAnchors(markdown) {
  return new Set(
    [...markdown.matchAll(/^#+\s+(.+)$/gm)].map(([, heading]) =>
      heading
        .trim()
        .toLowerCase()
        .replace(/[^a-z0-9 -]/g, '')
        .replace(/ /g, '-'),
    ),
  );
}

function runPromtool(args, problems) {
  const result = spawnSync('promtool', args, { encoding: 'utf8' });
  if (result.error) {
    problems.push('promtool is not installed (apt-get install prometheus); cannot validate deploy/monitoring');
  } else if (result.status !== 0) {
    problems.push(`promtool ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
  }
}

function sourceFiles(dir) {
  if (!existsSync(dir)) {
    return [];
  }
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => !file.includes('node_modules'));
}
