#!/usr/bin/env bash
# Runs every test. Installs what the tests need first: the npm tools (AWS's service models, the CDK
# toolkit, cfn-guard, workflow linters) and, where this user may install Debian packages, the official
# AWS CLI. Prints one closing line: "Tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

need_debs=()
[ -x /usr/bin/aws ] || need_debs+=(awscli)
# The S3 tests run a task whose unchanged boto3 code finds the local region through AWS_ENDPOINT_URL_S3.
python3 -c 'import boto3' 2>/dev/null || need_debs+=(python3-boto3)
# The local region's PostgreSQL tests: the server programs (without them the tests fetch npm's build per FARGO_HOME).
compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || need_debs+=(postgresql)
if [ ${#need_debs[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_debs[@]}" >/dev/null
  elif command -v sudo >/dev/null; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_debs[@]}" >/dev/null
  else
    echo "test.sh: the tests need these Debian packages: ${need_debs[*]} (apt-get install them, then run again)" >&2
    exit 2
  fi
fi

results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"

# Built once, then run by two workers side by side, each taking the next assembly from one queue, longest first. The
# end-to-end assemblies (Local's, then Cli's) spend most of their time waiting on a local region's processes and
# timers, so they start at once and the short ones fill in behind whichever finishes first. Two test hosts at a time,
# as `dotnet test Fargo.slnx` runs on two cores, but Local's no longer waits for the small assemblies.
dotnet build Fargo.slnx -c Debug -nologo -clp:NoSummary -v:q

test_args=("$@")
exec 3< <(printf '%s\n' Fargo.Local.Tests Fargo.Cli.Tests Fargo.Infrastructure.Tests Fargo.Aws.Tests Fargo.Config.Tests Fargo.Deploy.Tests)

worker() {
  local worker_status=0 project started
  while true; do
    project=
    { flock 9; read -r project <&3 || true; } 9>"$results/queue.lock"
    [ -n "$project" ] || break
    started=$SECONDS
    dotnet test "tests/$project" -c Debug --no-build --logger "trx;LogFilePrefix=$project" --results-directory "$results" "${test_args[@]}" 2>&1 \
      | sed -u "s/^/[$project] /" || worker_status=1
    echo "[$project] ran for $((SECONDS - started)) s"
  done
  echo "$worker_status" > "$results/worker-$1.status"
}

worker 1 &
worker 2 &
wait
exec 3<&-
status=0
for file in "$results"/worker-*.status; do
  [ "$(cat "$file")" = 0 ] || status=1
done

python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    if c is None:
        continue
    passed += int(c.get("passed", 0))
    failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    # A skipped xunit test is counted in total but not in executed (notExecuted stays 0).
    skipped += int(c.get("total", 0)) - int(c.get("executed", 0)) + int(c.get("notExecuted", 0))
print(f"Tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
