# y1, after the app exists or its package URL changed: Microsoft asks for a trigger sync when an
# app runs from an external package URL (Learn: "Run your functions from a package file"); then
# wait until the app lists its functions.
sync_and_list() {
  az resource invoke-action --action syncfunctiontriggers --ids "$APP_ID" --only-show-errors >/dev/null && functions_listed
}
retry "trigger sync and function listing" sync_and_list
