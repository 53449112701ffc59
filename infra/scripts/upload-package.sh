# y1, before the app exists: the package blob the app will run from, uploaded with the deployer's
# Entra login (--auth-mode login) to the endpoint the account reports ($BLOB_ENDPOINT).
zip_package
retry "package upload" az storage blob upload --auth-mode login --blob-endpoint "$BLOB_ENDPOINT" \
  --container-name "$CONTAINER" --name "$BLOB_NAME" --file "$ZIP_FILE" --content-type application/zip --overwrite --only-show-errors
