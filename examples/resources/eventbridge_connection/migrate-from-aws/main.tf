# Moving from hashicorp/aws (Terraform 1.8 or later): rename the resource
# type, keep the arguments, and tell Terraform it moved. The connection is
# not recreated; the next plan shows no change.

# Before:
# resource "aws_cloudwatch_event_connection" "crm" { ... }

resource "eventbridge_connection" "crm" {
  name               = "crm-api"
  authorization_type = "API_KEY"

  auth_parameters {
    api_key {
      key   = "x-api-key"
      value = var.crm_api_key
    }
  }
}

moved {
  from = aws_cloudwatch_event_connection.crm
  to   = eventbridge_connection.crm
}

variable "crm_api_key" {
  type      = string
  sensitive = true
}
