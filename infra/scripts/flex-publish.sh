# flex, after the app exists: OneDeploy, the only way Flex Consumption activates a package (the
# platform writes it to the deployment container with the app's identity), authenticated with the
# deployer's Entra token (SCM basic auth is off); then wait until the app lists its functions.
zip_package
retry "publish" az functionapp deployment source config-zip --resource-group "$RESOURCE_GROUP" --name "$APP_NAME" --src "$ZIP_FILE" --only-show-errors
retry "function listing" functions_listed
