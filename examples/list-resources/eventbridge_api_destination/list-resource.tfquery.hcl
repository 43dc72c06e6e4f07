# Finds the API destinations whose name starts with "orders-" and that use
# one connection, with every argument AWS returns, so that Terraform can
# write import blocks and configuration for them (Terraform 1.14 or later):
#
#   terraform query
#   terraform query -generate-config-out=destinations.tf
list "eventbridge_api_destination" "orders" {
  provider         = eventbridge
  include_resource = true
  limit            = 500

  config {
    name_prefix    = "orders-"
    connection_arn = "arn:aws:events:us-east-1:123456789012:connection/orders-api/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
    # region       = "eu-west-1" # default: the provider's Region
  }
}
