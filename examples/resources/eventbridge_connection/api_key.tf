# An API key sent in a header with every call.
variable "crm_api_key" {
  type      = string
  sensitive = true
  default   = "example-api-key-value"
}

resource "eventbridge_connection" "api_key" {
  name               = "crm-api-key"
  description        = "CRM webhook, authorized with an API key"
  authorization_type = "API_KEY"

  auth_parameters {
    api_key {
      key   = "x-api-key"
      value = var.crm_api_key
    }
  }
}
