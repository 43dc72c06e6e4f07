# Moving from hashicorp/aws (Terraform 1.8 or later): rename the resource
# type, keep the arguments, and tell Terraform it moved. The target is not
# removed from its rule; the next plan shows no change.

# Before:
# resource "aws_cloudwatch_event_target" "orders" { ... }

resource "eventbridge_target" "orders" {
  rule      = "orders-placed"
  target_id = "orders-queue"
  arn       = "arn:aws:sqs:us-east-1:123456789012:orders"
}

moved {
  from = aws_cloudwatch_event_target.orders
  to   = eventbridge_target.orders
}
