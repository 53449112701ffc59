# Shared by the publish steps `pulumi up` runs on the deployer's machine (src/package-publish.ts is
# what reads these files). Values arrive as environment variables, never spliced into the text.
# Each step retries for a bounded time what is eventually consistent: a new role assignment can
# take up to 10 minutes to reach storage or the SCM site (Learn: "Troubleshoot Azure RBAC").
# POSIX sh; needs az (signed in: az login) and zip.
set -eu
ATTEMPTS="${PUBLISH_ATTEMPTS:-20}"
PAUSE="${PUBLISH_PAUSE_SECONDS:-30}"

# retry <what> <command...>: runs the command until it succeeds, at most $ATTEMPTS times.
retry() {
  what="$1"
  shift
  n=1
  until "$@"; do
    if [ "$n" -ge "$ATTEMPTS" ]; then
      echo "auditflow: $what failed $n times; see the az error above" >&2
      return 1
    fi
    echo "auditflow: $what not done yet (attempt $n/$ATTEMPTS), again in $PAUSE s" >&2
    n=$((n + 1))
    sleep "$PAUSE"
  done
}

# zip_package: the folder $PACKAGE_DIR as $ZIP_FILE.
zip_package() {
  ZIP_FILE="$(mktemp -d)/ingest-func.zip"
  (cd "$PACKAGE_DIR" && zip -qr "$ZIP_FILE" .)
}

# functions_listed: true once the app lists at least one function (the host started, found its
# storage and its code).
functions_listed() {
  count="$(az functionapp function list --resource-group "$RESOURCE_GROUP" --name "$APP_NAME" --query 'length(@)' --output tsv --only-show-errors)" || return 1
  [ "${count:-0}" -gt 0 ] || return 1
  echo "auditflow: $APP_NAME lists $count functions"
}
