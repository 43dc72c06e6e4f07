# An API key that EventBridge sends with every call, and a header it adds to
# every invocation. Set the key with `-var crm_api_key=...` or
# TF_VAR_crm_api_key; Terraform keeps it out of its output.
variable "crm_api_key" {
  type      = string
  sensitive = true
}

resource "eventbridge_connection" "crm" {
  name               = "crm-api"
  description        = "CRM webhook"
  authorization_type = "API_KEY"

  auth_parameters {
    api_key {
      key   = "x-api-key"
      value = var.crm_api_key
    }

    invocation_http_parameters {
      header {
        key   = "x-tenant"
        value = "acme"
      }
    }
  }
}
