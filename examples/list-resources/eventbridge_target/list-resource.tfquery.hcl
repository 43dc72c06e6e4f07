# Finds every target, on every event bus of the Region, that sends to one API
# destination, with every argument AWS returns, so that Terraform can write
# import blocks and configuration for them (Terraform 1.14 or later):
#
#   terraform query
#   terraform query -generate-config-out=targets.tf
list "eventbridge_target" "webhook" {
  provider         = eventbridge
  include_resource = true

  config {
    target_arn = "arn:aws:events:us-east-1:123456789012:api-destination/orders-webhook/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
    # rule           = "orders-placed" # only this rule's targets
    # event_bus_name = "payments"      # default: every bus
  }
}
