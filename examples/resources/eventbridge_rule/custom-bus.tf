# A rule on another event bus: the bus by name or by ARN (the same value:
# switching between them changes nothing), here disabled.
resource "eventbridge_rule" "payments" {
  name           = "payments-failed"
  event_bus_name = "payments"
  state          = "DISABLED"
  event_pattern = jsonencode({
    "detail-type" = ["PaymentFailed"]
    detail        = { amount = [{ numeric = [">", 1000] }] }
  })
}
