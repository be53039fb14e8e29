// Checks docker-compose.yml (with docker-compose's own validator) and deploy/k8s against the
// services that exist, so the deployment files keep step with the code.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

import { checkMonitoring, checkScaling } from './lib/check-monitoring.mjs';
import { root } from './lib/node-runtime.mjs';

const problems = [];
const services = readdirSync(join(root, 'services')).filter((name) =>
  existsSync(join(root, 'services', name, 'src', 'main.ts')),
);

const compose = spawnSync('docker-compose', ['-f', 'docker-compose.yml', 'config', '--services'], {
  cwd: root,
  encoding: 'utf8',
  env: {
    ...process.env,
    SEED_ADMIN_EMAIL: 'check@example.test',
    SEED_ADMIN_PASSWORD: 'check',
    JWT_SECRET: 'check',
    INTERNAL_SIGNING_KEY: 'check',
    POSTGRES_PASSWORD: 'check',
    RABBITMQ_PASSWORD: 'check',
    S3_SECRET_KEY: 'check',
    MAIL_TOKEN_SECRET: 'check',
    ATTACHMENTS_GRANT_SECRET: 'check',
    WEBHOOK_SECRET_KEY: 'check',
    MAILBOX_SECRET_KEY: 'check',
  },
});
if (compose.error) {
  problems.push('docker-compose is not installed (apt-get install docker-compose); cannot validate docker-compose.yml');
} else if (compose.status !== 0) {
  problems.push(`docker-compose.yml is invalid:\n${compose.stderr}`);
} else {
  const composeServices = compose.stdout.split('\n').filter(Boolean);
  for (const service of services) {
    if (!composeServices.includes(service)) {
      problems.push(`docker-compose.yml has no service "${service}"`);
    }
  }
}

const k8sDir = join(root, 'deploy', 'k8s');
const kustomization = parseAllDocuments(readFileSync(join(k8sDir, 'kustomization.yaml'), 'utf8'))[0].toJS();
const deployments = new Set();
for (const file of kustomization.resources) {
  for (const document of parseAllDocuments(readFileSync(join(k8sDir, file), 'utf8'))) {
    if (document.errors.length > 0) {
      problems.push(`deploy/k8s/${file}: ${document.errors[0].message}`);
      continue;
    }
    const manifest = document.toJS();
    if (!manifest?.apiVersion || !manifest?.kind || !manifest?.metadata?.name) {
      problems.push(`deploy/k8s/${file}: a document lacks apiVersion, kind or metadata.name`);
    }
    if (manifest?.kind === 'Deployment') {
      deployments.add(manifest.metadata.name);
      const container = manifest.spec?.template?.spec?.containers?.[0];
      const serviceEnv = container?.env?.find((variable) => variable.name === 'SERVICE')?.value;
      if (serviceEnv !== manifest.metadata.name || !container?.readinessProbe || !container?.livenessProbe) {
        problems.push(
          `deploy/k8s/${file}: Deployment ${manifest.metadata.name} needs SERVICE=${manifest.metadata.name} and both probes`,
        );
      }
    }
  }
}
for (const service of services) {
  if (!deployments.has(service)) {
    problems.push(`deploy/k8s has no Deployment for service "${service}" (add it to kustomization.yaml too)`);
  }
}

checkScaling(root, services, problems);
checkMonitoring(root, services, problems);

if (problems.length > 0) {
  console.error(problems.map((problem) => `check-deploy: ${problem}`).join('\n'));
  process.exit(1);
}
console.log(`check-deploy: docker-compose.yml, deploy/k8s and deploy/monitoring cover all ${services.length} services`);
