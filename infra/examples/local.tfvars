# Settings for a local run against moto and the emulator harness, e.g.
#   terraform apply -var-file=examples/local.tfvars -var environment_suffix=demo \
#     -var github_api_url=http://127.0.0.1:PORT
# (AWS_ENDPOINT_URL, test credentials and TF_CLI_CONFIG_FILE come from the environment; see README.)

# moto cannot invoke functions: the harness pumps the retry queue and a queue
# subscribed to the drift topic (outputs local_event_sources, drift_events_queue_url).
enable_event_source_mappings = false

# Account singletons: leave them to infra.apply_destroy, which holds the ctest
# RESOURCE_LOCK moto_account_singletons while it creates them.
create_github_oidc_provider = false
github_oidc_provider_arn    = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
create_config_recorder      = false

# moto serves plain HTTP and evaluates bucket policies: a TLS-only policy would deny every
# request to the report bucket.
require_tls = false

# The GitHub stand-in listens on plain http on the loopback.
github_allow_plain_http = true
