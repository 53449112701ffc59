# y1, when a new build replaces the package or on destroy: remove the old blob with the deployer's
# Entra login. A failure only warns: the blob goes with the storage account anyway.
az storage blob delete --auth-mode login --blob-endpoint "$BLOB_ENDPOINT" --container-name "$CONTAINER" --name "$BLOB_NAME" --only-show-errors \
  || echo "auditflow: could not delete $BLOB_NAME (it goes with the storage account)" >&2
