# A target of a rule on another event bus: give the rule's name (not its id,
# which holds the bus too) and the bus (by name or ARN). Without target_id
# the provider chooses one starting with "terraform-".
resource "eventbridge_rule" "payments" {
  name           = "payments-failed"
  event_bus_name = "payments"
  event_pattern  = jsonencode({ "detail-type" = ["PaymentFailed"] })
}

resource "eventbridge_target" "payments" {
  rule           = eventbridge_rule.payments.name
  event_bus_name = eventbridge_rule.payments.event_bus_name
  arn            = "arn:aws:sqs:us-east-1:123456789012:payments-failed"
  input_path     = "$.detail"
}
