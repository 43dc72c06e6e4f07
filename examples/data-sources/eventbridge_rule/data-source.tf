# A rule made elsewhere, by name and bus.
data "eventbridge_rule" "orders" {
  name           = "orders-placed"
  event_bus_name = "default"
}

output "orders_rule_pattern" {
  value = data.eventbridge_rule.orders.event_pattern
}
