# Another Region: the destination and its connection in eu-west-1, from a
# provider whose Region is another.
resource "eventbridge_connection" "eu" {
  name               = "orders-api-eu"
  region             = "eu-west-1"
  authorization_type = "BASIC"

  auth_parameters {
    basic {
      username = "orders-bot"
      password = "example-password"
    }
  }
}

resource "eventbridge_api_destination" "eu" {
  name                = "orders-webhook-eu"
  region              = "eu-west-1"
  connection_arn      = eventbridge_connection.eu.arn
  invocation_endpoint = "https://orders.example.eu/events"
  http_method         = "PUT"
  # invocation_rate_limit_per_second: 300, AWS's default
}
