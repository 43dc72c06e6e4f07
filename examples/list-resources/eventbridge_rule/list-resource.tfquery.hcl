# Finds the rules whose name starts with "orders-" on every event bus of the
# Region, with every argument AWS returns, so that Terraform can write import
# blocks and configuration for them (Terraform 1.14 or later):
#
#   terraform query
#   terraform query -generate-config-out=rules.tf
list "eventbridge_rule" "orders" {
  provider         = eventbridge
  include_resource = true

  config {
    name_prefix = "orders-"
    # event_bus_name = "payments"  # default: every bus
    # region         = "eu-west-1" # default: the provider's Region
  }
}
