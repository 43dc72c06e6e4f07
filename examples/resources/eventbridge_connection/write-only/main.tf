# Write-only secrets (Terraform 1.11 or later): the *_wo arguments are sent
# to AWS and never stored in plan or state. Terraform cannot see a new
# write-only value, so bump secrets_wo_version to send it.
resource "eventbridge_connection" "wo" {
  name               = "write-only"
  description        = "secrets kept out of state"
  authorization_type = "API_KEY"
  secrets_wo_version = 1

  auth_parameters {
    api_key {
      key      = "x-api-key"
      value_wo = "wo-key-first" # e.g. ephemeral.aws_secretsmanager_secret_version.crm.secret_string
    }
    invocation_http_parameters {
      header {
        key             = "x-signature"
        value_wo        = "wo-header-first"
        is_value_secret = true
      }
      header {
        key   = "x-tenant"
        value = "acme"
      }
    }
  }
}
