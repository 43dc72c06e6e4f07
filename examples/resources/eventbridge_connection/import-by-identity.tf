# Import by identity (Terraform 1.12 or later): the connection's name, and
# its Region when it is not the provider's.
import {
  to = eventbridge_connection.crm
  identity = {
    name   = "crm-api"
    region = "eu-west-1"
  }
}
