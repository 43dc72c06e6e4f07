# With a rule and a target from hashicorp/aws: order events matched on the
# default bus go to the API destination. An example only (it needs
# hashicorp/aws and an AWS account); the target's role needs
# events:InvokeApiDestination on arn_for_policy/*.
terraform {
  required_providers {
    eventbridge = {
      source = "registry.terraform.io/eventbridge-rs/eventbridge"
    }
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

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

variable "orders_api_key" {
  type      = string
  sensitive = true
}

resource "eventbridge_api_destination" "orders" {
  name                = "orders-webhook"
  connection_arn      = eventbridge_connection.orders.arn
  invocation_endpoint = "https://orders.example.com/events"
  http_method         = "POST"
}

resource "aws_cloudwatch_event_rule" "orders" {
  name          = "order-placed"
  event_pattern = jsonencode({ source = ["shop.orders"], "detail-type" = ["OrderPlaced"] })
}

data "aws_iam_policy_document" "events_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "invoke" {
  name               = "orders-webhook-invoke"
  assume_role_policy = data.aws_iam_policy_document.events_assume.json
}

resource "aws_iam_role_policy" "invoke" {
  role = aws_iam_role.invoke.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "events:InvokeApiDestination"
      Resource = "${eventbridge_api_destination.orders.arn_for_policy}/*"
    }]
  })
}

resource "aws_cloudwatch_event_target" "orders" {
  rule     = aws_cloudwatch_event_rule.orders.name
  arn      = eventbridge_api_destination.orders.arn
  role_arn = aws_iam_role.invoke.arn
}
