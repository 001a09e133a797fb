// Runs every case of the IAM differential test through @cloud-copilot/iam-simulate, in one process.
// Usage: node iam-simulate-cases.cjs CASES.json RESULTS.json
// A case: { id, principal, action, resource, context, identityPolicies: [{name, policy}], boundary, resourcePolicy }.
// A result: { id, decision: "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied" } or { id, error }.
'use strict';
const fs = require('fs');
const path = require('path');
const { loadPolicy } = require('@cloud-copilot/iam-policy');
const { isWildcardOnlyAction } = require('@cloud-copilot/iam-simulate');

// iam-simulate's own runUnsafeSimulation (0.1.173) loads the resource policy without a name and then fails reading
// it; this is the same core call with the name given. Its internals are reached by file, past the package's exports.
const dist = path.dirname(require.resolve('@cloud-copilot/iam-simulate'));
const internal = (file) => require(path.join(dist, file));
const { authorize } = internal('core_engine/CoreSimulatorEngine.js');
const { AwsRequestImpl } = internal('request/request.js');
const { RequestContextImpl } = internal('requestContext.js');
const { DiscoveryContextKeyConstraints } = internal('context_keys/discoveryContextKeyConstraints.js');

// Actions without resource-level permissions (iam-data says which) are requested on "*", as runSimulation does.
function simulate(c, wildcardOnly) {
  const request = new AwsRequestImpl(
    c.principal,
    { resource: c.resource, accountId: account(c.principal) },
    c.action,
    new RequestContextImpl(c.context),
    wildcardOnly
  );
  return authorize({
    request,
    sessionPolicy: undefined,
    identityPolicies: c.identityPolicies.map((p) => loadPolicy(p.policy, { name: p.name })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: c.resourcePolicy ? loadPolicy(c.resourcePolicy, { name: 'resource' }) : undefined,
    permissionBoundaries: c.boundary ? [loadPolicy(c.boundary, { name: 'boundary' })] : undefined,
    vpcEndpointPolicies: undefined,
    simulationParameters: { simulationMode: 'Strict', discoveryContextKeyConstraints: new DiscoveryContextKeyConstraints([]) },
    serviceSettings: { s3: {} }
  }).result;
}

const [casesPath, resultsPath] = process.argv.slice(2);
const cases = JSON.parse(fs.readFileSync(casesPath, 'utf8'));
const account = (arn) => arn.split(':')[4];

async function main() {
  const results = [];
  for (const c of cases) {
    results.push(await run(c));
  }
  fs.writeFileSync(resultsPath, JSON.stringify(results));
}

async function run(c) {
  try {
    const [service, action] = c.action.split(':');
    const decision = simulate(c, await isWildcardOnlyAction(service, action));
    return { id: c.id, decision };
  } catch (e) {
    return { id: c.id, error: String(e && e.stack ? e.stack : e) };
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
