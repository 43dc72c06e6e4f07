# The whole HTTP target: orders placed in the shop go to a webhook. The
# connection holds the API key, the API destination the endpoint, the rule
# matches the events, and the target sends each one, reshaped, with a retry
# policy and a dead-letter queue. The role comes from IAM (for example
# aws_iam_role of hashicorp/aws): EventBridge assumes it, and it must allow
# events:InvokeApiDestination on the destination.
variable "orders_api_key" {
  type      = string
  sensitive = true
  default   = "example-key"
}

variable "invoke_role_arn" {
  type    = string
  default = "arn:aws:iam::123456789012:role/orders-webhook-invoke"
}

variable "dead_letter_queue_arn" {
  type    = string
  default = "arn:aws:sqs:us-east-1:123456789012:orders-webhook-dlq"
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

resource "eventbridge_api_destination" "orders" {
  name                = "orders-webhook"
  connection_arn      = eventbridge_connection.orders.arn
  invocation_endpoint = "https://orders.example.com/events/*"
  http_method         = "POST"
}

resource "eventbridge_rule" "orders" {
  name = "orders-placed"
  event_pattern = jsonencode({
    source        = ["shop.orders"]
    "detail-type" = ["OrderPlaced"]
  })
}

resource "eventbridge_target" "orders" {
  rule      = eventbridge_rule.orders.name
  target_id = "orders-webhook"
  arn       = eventbridge_api_destination.orders.arn
  role_arn  = var.invoke_role_arn

  http_target {
    path_parameter_values = ["placed"]
    header_parameters = {
      "x-source" = "eventbridge"
    }
  }

  input_transformer {
    input_paths = {
      order = "$.detail.id"
      total = "$.detail.total"
    }
    input_template = <<-EOT
      {"order": <order>, "total": <total>}
    EOT
  }

  retry_policy {
    maximum_event_age_in_seconds = 3600
    maximum_retry_attempts       = 10
  }

  dead_letter_config {
    arn = var.dead_letter_queue_arn
  }
}
