# Moving from hashicorp/aws (Terraform 1.8 or later): rename the resource
# types, keep the arguments, and tell Terraform they moved. Neither the
# connection nor the API destination is recreated; the next plan shows no
# change.

# Before:
# resource "aws_cloudwatch_event_connection" "orders" { ... }
# resource "aws_cloudwatch_event_api_destination" "orders" { ... }

resource "eventbridge_connection" "orders" {
  name               = "orders-api"
  authorization_type = "API_KEY"

  auth_parameters {
    api_key {
      key   = "x-api-key"
      value = var.orders_api_key
    }
  }
}

resource "eventbridge_api_destination" "orders" {
  name                = "orders-webhook"
  connection_arn      = eventbridge_connection.orders.arn
  invocation_endpoint = "https://orders.example.com/events"
  http_method         = "POST"
}

moved {
  from = aws_cloudwatch_event_connection.orders
  to   = eventbridge_connection.orders
}

moved {
  from = aws_cloudwatch_event_api_destination.orders
  to   = eventbridge_api_destination.orders
}

variable "orders_api_key" {
  type      = string
  sensitive = true
}
