# Finds the connections whose name starts with "crm-", with every argument
# AWS returns, so that Terraform can write import blocks and configuration
# for them (Terraform 1.14 or later):
#
#   terraform query
#   terraform query -generate-config-out=connections.tf
#
# AWS never returns secrets: fill in value, password or client_secret (or
# their *_wo twins) in the generated configuration before applying.
list "eventbridge_connection" "crm" {
  provider         = eventbridge
  include_resource = true
  limit            = 500

  config {
    name_prefix = "crm-"
    # region           = "eu-west-1"  # default: the provider's Region
    # connection_state = "AUTHORIZED" # or DEAUTHORIZED, ACTIVE, ...
  }
}
