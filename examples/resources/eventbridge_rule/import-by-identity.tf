# Import by identity (Terraform 1.12 or later): the rule's name, and its bus
# and Region when they are not the default ones.
import {
  to = eventbridge_rule.orders
  identity = {
    name           = "orders-placed"
    event_bus_name = "default"
  }
}
