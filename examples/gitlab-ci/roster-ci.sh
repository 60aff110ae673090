#!/usr/bin/env bash
# Roster's steps in a pipeline. The GitHub Actions workflow (roster.yml) and the GitLab CI
# pipeline (.gitlab-ci.yml) call this script for each of their Roster steps, and Roster's
# own tests run it against an emulated tenant, so what the examples do is what is tested.
#
#   roster-ci.sh validate   check the desired state offline
#   roster-ci.sh plan       plan (read-only): $ROSTER_OUT/plan.json, plan.sha256, plan.md
#   roster-ci.sh apply      apply $ROSTER_OUT/plan.json, only if its SHA-256 is $ROSTER_PLAN_SHA256
#                           and the desired state in $ROSTER_ORGS (the merged files) is the one
#                           it was made from
#   roster-ci.sh drift      drift report (read-only): $ROSTER_OUT/drift.md and drift.xml (JUnit)
#
# Environment:
#   AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET   the tenant and a machine-to-machine
#       client: read scopes only for plan and drift; the read and delete scopes for apply.
#       Never printed, never written to a file.
#   ROSTER_ORGS         the desired-state folder (default: orgs)
#   ROSTER_OUT          where files are written and read (default: roster-out)
#   ROSTER_PLAN_SHA256  apply: the SHA-256 of the reviewed plan
#   ROSTER_ORG          optional: limit plan, apply and drift to organizations (space-separated names)
#   ROSTER              the roster executable (default: roster on the PATH)
#
# Exit status: validate, plan and apply 0 ok, 1 error; drift 0 in sync, 2 drift, 1 error.
set -euo pipefail

roster=${ROSTER:-roster}
orgs=${ROSTER_ORGS:-orgs}
out=${ROSTER_OUT:-roster-out}
selection=()
for name in ${ROSTER_ORG:-}; do selection+=(--org "$name"); done

sha256() {
    if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1; else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

step=${1:-}
case "$step" in
validate)
    "$roster" validate "$orgs"
    ;;
plan)
    mkdir -p "$out"
    # Exit 0: no changes, 2: changes (both fine on a pull request), 1: error.
    status=0
    "$roster" plan "$orgs" ${selection[@]+"${selection[@]}"} --out "$out/plan.json" --format markdown --mask-emails \
        --detailed-exitcode >"$out/plan.md" || status=$?
    if [ "$status" -ne 0 ] && [ "$status" -ne 2 ]; then exit "$status"; fi
    sha256 "$out/plan.json" >"$out/plan.sha256"
    echo "plan: $([ "$status" -eq 2 ] && echo changes || echo "no changes"), SHA-256 $(cat "$out/plan.sha256")"
    ;;
apply)
    if [ -z "${ROSTER_PLAN_SHA256:-}" ]; then
        echo "error: ROSTER_PLAN_SHA256 is not set: apply runs only the reviewed plan, named by its SHA-256" >&2
        exit 1
    fi
    # --desired: refused when main holds other changes than the plan was made from (another
    # merge since the review): plan again rather than apply a plan of an older main.
    "$roster" apply "$out/plan.json" ${selection[@]+"${selection[@]}"} --plan-sha256 "$ROSTER_PLAN_SHA256" \
        --desired "$orgs"
    ;;
drift)
    mkdir -p "$out"
    # One read of the tenant, three renderings: Markdown and JUnit files, text in the log.
    "$roster" drift "$orgs" ${selection[@]+"${selection[@]}"} --mask-emails \
        --format markdown --output "$out/drift.md" --format junit --output "$out/drift.xml" --format text
    ;;
*)
    echo "usage: roster-ci.sh validate|plan|apply|drift" >&2
    exit 1
    ;;
esac
