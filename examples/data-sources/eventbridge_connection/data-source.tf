# Everything DescribeConnection says about an existing connection, except
# its secrets.
data "eventbridge_connection" "orders" {
  name = "orders-invocation"
  # region = "eu-west-1"   # defaults to the provider's
}

output "orders_connection" {
  value = {
    arn        = data.eventbridge_connection.orders.arn
    secret_arn = data.eventbridge_connection.orders.secret_arn
    state      = data.eventbridge_connection.orders.connection_state
    username   = data.eventbridge_connection.orders.auth_parameters[0].basic[0].username
  }
}
