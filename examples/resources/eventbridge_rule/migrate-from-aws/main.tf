# Moving from hashicorp/aws (Terraform 1.8 or later): rename the resource
# type, keep the arguments, and tell Terraform it moved. The rule is not
# recreated (nor are its targets deleted); the next plan shows no change.

# Before:
# resource "aws_cloudwatch_event_rule" "orders" { ... }

resource "eventbridge_rule" "orders" {
  name = "orders-placed"
  event_pattern = jsonencode({
    source = ["shop.orders"]
  })
}

moved {
  from = aws_cloudwatch_event_rule.orders
  to   = eventbridge_rule.orders
}
