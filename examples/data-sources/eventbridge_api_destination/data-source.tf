# Everything DescribeApiDestination says about an existing API destination.
data "eventbridge_api_destination" "orders" {
  name = "orders-webhook"
  # region = "eu-west-1"   # defaults to the provider's
}

output "orders_destination" {
  value = {
    arn        = data.eventbridge_api_destination.orders.arn
    endpoint   = data.eventbridge_api_destination.orders.invocation_endpoint
    connection = data.eventbridge_api_destination.orders.connection_arn
    state      = data.eventbridge_api_destination.orders.api_destination_state
  }
}
