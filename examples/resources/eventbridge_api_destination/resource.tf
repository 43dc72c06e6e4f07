# A connection holds the authorization; the API destination names the
# endpoint EventBridge calls with it.
resource "eventbridge_connection" "orders" {
  name               = "orders-api"
  authorization_type = "API_KEY"

  auth_parameters {
    api_key {
      key   = "x-api-key"
      value = "example-api-key"
    }
  }
}

resource "eventbridge_api_destination" "orders" {
  name                             = "orders-webhook"
  description                      = "Order events to the orders service"
  connection_arn                   = eventbridge_connection.orders.arn
  invocation_endpoint              = "https://orders.example.com/events/*"
  http_method                      = "POST"
  invocation_rate_limit_per_second = 20
}

output "invoke_policy_resource" {
  # For the rule target role's events:InvokeApiDestination statement.
  value = "${eventbridge_api_destination.orders.arn_for_policy}/*"
}
