# Import by identity (Terraform 1.12 or later): the rule and the target id,
# and the bus and Region when they are not the default ones.
import {
  to = eventbridge_target.orders
  identity = {
    rule           = "orders-placed"
    target_id      = "orders-webhook"
    event_bus_name = "default"
  }
}
