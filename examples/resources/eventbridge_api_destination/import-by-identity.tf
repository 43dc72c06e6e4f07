# Import by identity (Terraform 1.12 or later): the API destination's name,
# and its Region when it is not the provider's.
import {
  to = eventbridge_api_destination.orders
  identity = {
    name   = "orders-webhook"
    region = "eu-west-1"
  }
}
