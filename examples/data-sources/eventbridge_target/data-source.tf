# A target made elsewhere, by its rule and id.
data "eventbridge_target" "orders" {
  rule      = "orders-placed"
  target_id = "orders-webhook"
}

output "orders_target_arn" {
  value = data.eventbridge_target.orders.arn
}
